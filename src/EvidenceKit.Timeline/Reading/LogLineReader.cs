using System.Text;

namespace EvidenceKit.Timeline.Reading;

/// <summary>
/// Reads a text log line by line with bounded memory: a line longer than <see cref="MaxLineBytes"/> is cut there (its
/// remainder skipped, not held), so a hostile gigabyte without a newline costs one buffer. LF and CRLF ends; a last
/// line without an end counts; NUL bytes are kept as they are (the writers escape them).
/// </summary>
internal static class LogLineReader
{
    /// <summary>The longest line kept, in bytes.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>The lines of <paramref name="stream"/>, numbered from 1.</summary>
    public static IEnumerable<LogLine> Read(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[256 * 1024];
        var line = new byte[MaxLineBytes];
        var lineLength = 0;
        var truncated = false;
        long number = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = 0;
            while (start < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                var end = newline < 0 ? read : newline;
                var take = Math.Min(end - start, MaxLineBytes - lineLength);
                Buffer.BlockCopy(buffer, start, line, lineLength, take);
                lineLength += take;
                truncated |= take < end - start;
                if (newline < 0)
                {
                    break;
                }
                yield return Make(++number, line, lineLength, truncated);
                lineLength = 0;
                truncated = false;
                start = newline + 1;
            }
        }
        if (lineLength > 0 || truncated)
        {
            yield return Make(++number, line, lineLength, truncated);
        }
    }

    private static LogLine Make(long number, byte[] line, int length, bool truncated)
    {
        if (!truncated && length > 0 && line[length - 1] == '\r')
        {
            length--;
        }
        return new LogLine(number, Utf8.GetString(line, 0, length), truncated);
    }
}
