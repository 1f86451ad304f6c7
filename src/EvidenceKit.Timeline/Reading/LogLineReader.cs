using EvidenceKit.Timeline.Formats.Common;

namespace EvidenceKit.Timeline.Reading;

/// <summary>
/// The lines of a text log as a sequence, read by the one bounded line reader (<see cref="LineReader"/>: 1-based
/// numbers, a line longer than <see cref="MaxLineBytes"/> cut there and its remainder skipped, not held).
/// </summary>
internal static class LogLineReader
{
    /// <summary>The longest line kept, in bytes.</summary>
    public const int MaxLineBytes = LineReader.DefaultMaxLineBytes;

    /// <summary>The lines of <paramref name="stream"/>, numbered from 1.</summary>
    public static IEnumerable<LogLine> Read(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new LineReader(stream, MaxLineBytes);
        while (reader.TryRead(out var line))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return line;
        }
    }
}
