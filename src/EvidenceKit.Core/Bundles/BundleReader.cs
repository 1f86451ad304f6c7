using System.Globalization;
using System.IO.Abstractions;
using System.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Reads the text and JSON files of a bundle with bounded memory: line by line with a cap on each line, and whole
/// files only under a size cap. Malformed input throws <see cref="BundleReaderException"/> naming file and line.
/// Only reads; callers make sure a path is safe (<see cref="BagPathRules"/>) and a regular file before asking.
/// </summary>
internal sealed class BundleReader(IFileSystem fileSystem, string root)
{
    private const int ChunkBytes = 64 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
        var chunk = new byte[ChunkBytes];
        var line = new byte[maxLineBytes];
        var lineLength = 0;
        var number = 0L;
        var skipLineFeed = false;
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            var pos = 0;
            if (skipLineFeed && chunk[0] == (byte)'\n')
            {
                pos = 1;
            }
            skipLineFeed = false;
            while (pos < read)
            {
                var end = chunk.AsSpan(pos, read - pos).IndexOfAny((byte)'\n', (byte)'\r');
                var take = end < 0 ? read - pos : end;
                if (lineLength + take > maxLineBytes)
                {
                    throw BundleReaderException.LineTooLong(bagPath, number + 1, maxLineBytes);
                }
                Array.Copy(chunk, pos, line, lineLength, take);
                lineLength += take;
                if (end < 0)
                {
                    break;
                }
                var terminator = chunk[pos + end];
                pos += end + 1;
                if (terminator == (byte)'\r')
                {
                    if (pos < read)
                    {
                        pos += chunk[pos] == (byte)'\n' ? 1 : 0;
                    }
                    else
                    {
                        skipLineFeed = true;
                    }
                }
                number++;
                yield return (number, Decode(bagPath, number, line, lineLength));
                lineLength = 0;
            }
        }
        if (lineLength > 0)
        {
            number++;
            yield return (number, Decode(bagPath, number, line, lineLength));
        }
    }

    /// <summary>
    /// Reads a BagIt manifest: "HASH  PATH", "HASH *PATH" or "HASH PATH", the hash <paramref name="hexDigits"/> hex
    /// digits of either case (returned lower-case); %0A, %0D and %25 in paths are decoded as RFC 8493 says.
    /// </summary>
    public IReadOnlyList<BundleReaderManifestLine> ReadManifest(string bagPath, int hexDigits, int maxLineBytes)
    {
        var expected = $"'<{hexDigits} hex digits>  <path>'";
        var entries = new List<BundleReaderManifestLine>();
        foreach (var (number, text) in ReadLines(bagPath, maxLineBytes))
        {
            if (text.Length < hexDigits + 2 || !IsHex(text.AsSpan(0, hexDigits)) || text[hexDigits] != ' ')
            {
                throw BundleReaderException.BadLine(bagPath, number, expected, text);
            }
            var pathStart = text[hexDigits + 1] is ' ' or '*' ? hexDigits + 2 : hexDigits + 1;
            if (pathStart >= text.Length)
            {
                throw BundleReaderException.BadLine(bagPath, number, expected, text);
            }
            var path = DecodePercent(text[pathStart..]);
            entries.Add(new BundleReaderManifestLine(number, text[..hexDigits].ToLowerInvariant(), path));
        }
        return entries;
    }

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

    private static string Decode(string bagPath, long number, byte[] line, int length)
    {
        try
        {
            return StrictUtf8.GetString(line, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw BundleReaderException.NotUtf8(bagPath, number);
        }
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static string DecodePercent(string path)
    {
        if (!path.Contains('%', StringComparison.Ordinal))
        {
            return path;
        }
        var sb = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '%' && i + 2 < path.Length
                && byte.TryParse(path.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
                && value is 0x0A or 0x0D or 0x25)
            {
                sb.Append((char)value);
                i += 2;
            }
            else
            {
                sb.Append(path[i]);
            }
        }
        return sb.ToString();
    }
}
