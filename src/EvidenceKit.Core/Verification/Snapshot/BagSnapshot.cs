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
    private readonly BagEntryTable _table = new();

    private BagSnapshot(IBagFiles files, IEnumerable<BagEntry> entries, BagLimits limits)
    {
        _files = files;
        foreach (var entry in entries)
        {
            _table.Add(entry);
        }
        _table.Seal();
        for (var i = 0; i < _table.Slots; i++)
        {
            if (!_table.IsShadowed(i) && _table.KindAt(i) != BagEntryKind.Directory)
            {
                if (IsPayloadAt(i))
                {
                    PayloadFileCount++;
                    PayloadBytes += _table.LengthAt(i);
                }
                else
                {
                    TagFileCount++;
                }
            }
        }
        Limits = limits;
        Entries = new EntryList(_table);
    }

    /// <summary>The caps every read is held to.</summary>
    public BagLimits Limits { get; }

    /// <summary>Every entry, directories included, in the order of the walk; each made as it is enumerated.</summary>
    public IReadOnlyCollection<BagEntry> Entries { get; }

    /// <summary>Entries under data/ that are not directories.</summary>
    public long PayloadFileCount { get; }

    /// <summary>The bytes of the entries under data/ that are not directories.</summary>
    public long PayloadBytes { get; }

    /// <summary>Entries outside data/ that are not directories.</summary>
    public long TagFileCount { get; }

    /// <summary>Entry numbers run from 0 to this (exclusive); a number is stable for the snapshot's life.</summary>
    public int EntrySlots => _table.Slots;

    /// <summary>The entry number of <paramref name="bagPath"/>, or -1 when the walk did not list it.</summary>
    public int IndexOf(string bagPath) => _table.IndexOf(bagPath);

    /// <summary>True when <paramref name="index"/> names a listed entry (not one a same-named entry replaced).</summary>
    public bool IsListed(int index) => !_table.IsShadowed(index);

    public BagEntryKind KindAt(int index) => _table.KindAt(index);

    /// <summary>True when entry <paramref name="index"/> is under data/ (<see cref="BagPathRules.IsPayload"/>).</summary>
    public bool IsPayloadAt(int index) => _table.Path(index).StartsWith("data/"u8);

    public long LengthAt(int index) => _table.LengthAt(index);

    /// <summary>The path of entry <paramref name="index"/> in UTF-8, without copying.</summary>
    public ReadOnlySpan<byte> Utf8PathAt(int index) => _table.Path(index);

    public string PathAt(int index) => _table.PathAt(index);

    public BagEntry EntryAt(int index) => _table.EntryAt(index);

    /// <summary>Every entry outside data/ (tag files, folders, anything else), made as enumerated; the payload is skipped unmade.</summary>
    public IEnumerable<BagEntry> EntriesOutsidePayload()
    {
        for (var i = 0; i < _table.Slots; i++)
        {
            if (!_table.IsShadowed(i) && !IsPayloadAt(i))
            {
                yield return _table.EntryAt(i);
            }
        }
    }

    /// <summary>The entry numbers of every listed non-directory under data/, in the order of the walk.</summary>
    public IEnumerable<int> PayloadFiles()
    {
        for (var i = 0; i < _table.Slots; i++)
        {
            if (!_table.IsShadowed(i) && _table.KindAt(i) != BagEntryKind.Directory && IsPayloadAt(i))
            {
                yield return i;
            }
        }
    }

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

    public BagEntry? Find(string bagPath) => IndexOf(bagPath) is var i and >= 0 ? EntryAt(i) : null;

    public bool Contains(string bagPath) => IndexOf(bagPath) >= 0;

    public bool IsRegularFile(string bagPath) => IndexOf(bagPath) is var i and >= 0 && KindAt(i) == BagEntryKind.RegularFile;

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

    /// <summary>
    /// Reads listed regular file <paramref name="index"/> whole into <paramref name="buffer"/> (small files, hashed
    /// one-shot); -1 when it fills the buffer (then it is streamed with <see cref="Open"/>).
    /// </summary>
    /// <exception cref="BundleReaderException">Not a regular file, or no longer the one listed, or unreadable.</exception>
    public int ReadWhole(int index, Span<byte> buffer)
    {
        if (_table.KindAt(index) != BagEntryKind.RegularFile)
        {
            throw BundleReaderException.NotRegular(PathAt(index));
        }
        try
        {
            return _files.ReadWhole(_table.Path(index), _table.DeviceAt(index), _table.InodeAt(index), _table.LengthAt(index), buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BundleReaderException($"{PathAt(index)} could not be read: {e.Message}");
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

    /// <summary>The listing as records, each made when enumerated (never all at once).</summary>
    private sealed class EntryList(BagEntryTable table) : IReadOnlyCollection<BagEntry>
    {
        public int Count => table.Count;

        public IEnumerator<BagEntry> GetEnumerator()
        {
            for (var i = 0; i < table.Slots; i++)
            {
                if (!table.IsShadowed(i))
                {
                    yield return table.EntryAt(i);
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
