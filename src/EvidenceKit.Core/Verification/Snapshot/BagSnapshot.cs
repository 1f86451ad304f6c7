using System.Text;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Snapshot;

/// <summary>
/// The one reader of a bundle. Taken once: every entry of the bag, listed without following links (regular files,
/// directories, links and special files alike, with sizes), plus the caps of <see cref="BagLimits"/> sized to what
/// the bag holds. The checks judge this listing and read file contents only through it: text line by line under
/// caps, small files whole under caps, payload streamed for hashing; only entries listed as regular files are ever
/// opened, and only when the open handle is still that regular file. It never writes.
/// </summary>
internal sealed class BagSnapshot : IDisposable
{
    private readonly IBagFiles _files;
    private readonly Dictionary<string, BagEntry> _entries;

    private BagSnapshot(IBagFiles files, IReadOnlyList<BagEntry> entries, BagLimits limits)
    {
        _files = files;
        _entries = new Dictionary<string, BagEntry>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _entries[entry.BagPath] = entry;
            if (entry.Kind != BagEntryKind.Directory)
            {
                if (BagPathRules.IsPayload(entry.BagPath))
                {
                    PayloadFileCount++;
                }
                else
                {
                    TagFileCount++;
                }
            }
        }
        Limits = limits;
    }

    /// <summary>The caps every read is held to.</summary>
    public BagLimits Limits { get; }

    /// <summary>Every entry, directories included.</summary>
    public IReadOnlyCollection<BagEntry> Entries => _entries.Values;

    /// <summary>Entries under data/ that are not directories.</summary>
    public long PayloadFileCount { get; }

    /// <summary>Entries outside data/ that are not directories.</summary>
    public long TagFileCount { get; }

    /// <summary>Walks the bag at <paramref name="root"/> through the adapter <paramref name="bagFiles"/> opens.</summary>
    public static BagSnapshot Take(IBagFilesFactory bagFiles, string root, BagLimits limits, CancellationToken cancellationToken)
    {
        var files = bagFiles.Open(root);
        try
        {
            return new BagSnapshot(files, files.Walk(cancellationToken), limits);
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    public BagEntry? Find(string bagPath) => _entries.GetValueOrDefault(bagPath);

    public bool Contains(string bagPath) => _entries.ContainsKey(bagPath);

    public bool IsRegularFile(string bagPath) => Find(bagPath)?.Kind == BagEntryKind.RegularFile;

    /// <summary>Why <paramref name="bagPath"/> cannot be read ("X is missing", "X is a FIFO ..."), or null when it is a regular file.</summary>
    public string? NotReadable(string bagPath) => Find(bagPath) switch
    {
        null => $"{bagPath} is missing",
        { Kind: BagEntryKind.RegularFile } => null,
        { Kind: BagEntryKind.Directory } => $"{bagPath} is a directory, not a file",
        var entry => $"{bagPath} is {entry.Describe()}",
    };

    /// <summary>A whole regular file of at most <paramref name="maxBytes"/> bytes; more is refused before it is read.</summary>
    /// <exception cref="BundleReaderException">Not a regular file, too large, or changed since listed.</exception>
    public byte[] ReadAll(string bagPath, long maxBytes)
    {
        var entry = Find(bagPath) ?? throw new BundleReaderException($"{bagPath} is missing.");
        if (entry.Length > maxBytes)
        {
            throw BundleReaderException.TooLarge(bagPath, entry.Length, maxBytes);
        }
        using var stream = Open(entry);
        var buffer = new byte[entry.Length];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }
        if (total != buffer.Length || stream.ReadByte() >= 0)
        {
            throw BundleReaderException.Changed(bagPath, "of another size");
        }
        return buffer;
    }

    /// <summary>The lines of a regular file, each at most <see cref="BagLimits.MaxLineBytes"/>, at most <paramref name="maxLines"/> of them.</summary>
    public IEnumerable<(long Number, string Text)> ReadLines(string bagPath, long maxLines, Encoding? encoding = null)
    {
        var entry = Find(bagPath) ?? throw new BundleReaderException($"{bagPath} is missing.");
        using var stream = Open(entry);
        foreach (var line in BagTextLines.Read(stream, bagPath, Limits.MaxLineBytes, maxLines, encoding))
        {
            yield return line;
        }
    }

    /// <summary>Opens a listed regular file for streaming (hashing).</summary>
    public Stream Open(BagEntry entry)
    {
        try
        {
            return _files.OpenRegular(entry);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BundleReaderException($"{entry.BagPath} could not be read: {e.Message}");
        }
    }

    public void Dispose() => _files.Dispose();
}
