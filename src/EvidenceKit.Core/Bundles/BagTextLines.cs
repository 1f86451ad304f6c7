using System.Text;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Splits a stream into numbered lines (LF, CRLF or CR ends; a last line without an end counts) with bounded memory:
/// a line longer than the cap, or more lines than allowed, throws <see cref="BundleReaderException"/> at once,
/// without reading the rest.
/// </summary>
internal static class BagTextLines
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Strict UTF-8: invalid bytes throw rather than turn into replacement characters.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<(long Number, string Text)> Read(Stream stream, string bagPath, int maxLineBytes, long maxLines,
        Encoding? encoding = null)
    {
        var decoder = encoding ?? StrictUtf8;
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
                if (number > maxLines)
                {
                    throw BundleReaderException.TooManyLines(bagPath, maxLines);
                }
                yield return (number, Decode(decoder, bagPath, number, line, lineLength));
                lineLength = 0;
            }
        }
        if (lineLength > 0)
        {
            number++;
            if (number > maxLines)
            {
                throw BundleReaderException.TooManyLines(bagPath, maxLines);
            }
            yield return (number, Decode(decoder, bagPath, number, line, lineLength));
        }
    }

    private static string Decode(Encoding encoding, string bagPath, long number, byte[] line, int length)
    {
        try
        {
            return encoding.GetString(line, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw BundleReaderException.NotUtf8(bagPath, number);
        }
    }
}
