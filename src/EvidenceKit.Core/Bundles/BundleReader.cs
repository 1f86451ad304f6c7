using System.IO.Abstractions;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Reads the text and JSON files of a bundle with bounded memory: line by line with a cap on each line, and whole
/// files only under a size cap. Malformed input throws <see cref="BundleReaderException"/> naming file and line.
/// Only reads; callers make sure a path is safe (<see cref="BagPathRules"/>) and a regular file before asking.
/// </summary>
internal sealed class BundleReader(IFileSystem fileSystem, string root)
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>The bag root directory.</summary>
    public string Root => root;

    /// <summary>The file-system path of a bag path.</summary>
    public string FullPath(string bagPath) =>
        fileSystem.Path.Combine(root, bagPath.Replace('/', fileSystem.Path.DirectorySeparatorChar));

    /// <summary>
    /// The lines of a text file (LF, CRLF or CR ends; a last line without an end counts), numbered from 1.
    /// Throws as soon as a line is longer than <paramref name="maxLineBytes"/>, without reading the rest of it.
    /// </summary>
    public IEnumerable<(long Number, string Text)> ReadLines(string bagPath, int maxLineBytes)
    {
        using var stream = OpenRead(bagPath);
        foreach (var line in BagTextLines.Read(stream, bagPath, maxLineBytes, long.MaxValue))
        {
            yield return line;
        }
    }

    /// <summary>
    /// Reads a BagIt manifest: "HASH  PATH", "HASH *PATH" or "HASH PATH", the hash <paramref name="hexDigits"/> hex
    /// digits of either case (returned lower-case); %0A, %0D and %25 in paths are decoded as RFC 8493 says.
    /// </summary>
    public IReadOnlyList<BundleReaderManifestLine> ReadManifest(string bagPath, int hexDigits, int maxLineBytes) =>
        ReadLines(bagPath, maxLineBytes)
            .Select(line => BagManifestText.Parse(bagPath, line.Number, line.Text, hexDigits, plainBag: true))
            .ToList();

    /// <summary>Reads bag-info.txt: "Label: value" lines; a line starting with space or tab continues the value above.</summary>
    public IReadOnlyList<BundleReaderField> ReadBagInfo(int maxLineBytes)
    {
        var fields = new List<BundleReaderField>();
        foreach (var (number, text) in ReadLines(BundleLayout.BagInfoTxt, maxLineBytes))
        {
            if (text.Length > 0 && text[0] is ' ' or '\t' && fields.Count > 0)
            {
                var last = fields[^1];
                fields[^1] = last with { Value = last.Value + " " + text.Trim() };
                continue;
            }
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || text[..colon].Trim().Length == 0)
            {
                throw BundleReaderException.BadLine(BundleLayout.BagInfoTxt, number, "'Label: value'", text);
            }
            fields.Add(new BundleReaderField(number, text[..colon].Trim(), text[(colon + 1)..].Trim()));
        }
        return fields;
    }

    /// <summary>Reads a whole file of at most <paramref name="maxBytes"/> bytes.</summary>
    public byte[] ReadAllBytes(string bagPath, long maxBytes)
    {
        using var stream = OpenRead(bagPath);
        var length = stream.Length;
        if (length > maxBytes)
        {
            throw BundleReaderException.TooLarge(bagPath, length, maxBytes);
        }
        using var copy = new MemoryStream((int)length);
        var buffer = new byte[ChunkBytes];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (copy.Length + read > maxBytes)
            {
                throw BundleReaderException.TooLarge(bagPath, copy.Length + read, maxBytes);
            }
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    private FileSystemStream OpenRead(string bagPath) =>
        fileSystem.FileStream.New(FullPath(bagPath), FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes, FileOptions.SequentialScan);
}
