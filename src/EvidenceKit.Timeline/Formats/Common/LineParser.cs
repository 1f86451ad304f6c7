using System.Text.Json;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>
/// The reading loop every text parser shares: lines come from one <see cref="LineReader"/> (1-based numbers,
/// a per-line cap); a line over the cap is reported unparsed; a line the format's session cannot read is reported
/// unparsed instead of escaping <see cref="Parse"/>; a stream that fails mid-way (a corrupt compressed file)
/// ends the file with one unparsed record naming the failure.
/// </summary>
internal abstract class LineParser : ILogParser
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract int Fits(LogSample sample);

    /// <inheritdoc />
    public void Parse(LogSource source, IEventSink sink, CancellationToken cancellationToken)
    {
        var reader = new LineReader(source.Content, MaxLineBytes);
        var session = Open(source, sink);
        try
        {
            while (reader.TryRead(out var line))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (line.Truncated)
                {
                    sink.Unparsed(line.Number, line.Text);
                    continue;
                }
                try
                {
                    session.Line(line);
                }
                catch (Exception ex) when (IsFormatFailure(ex))
                {
                    sink.Unparsed(line.Number, line.Text);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            sink.Unparsed(reader.LineNumber + 1, $"content unreadable after line {reader.LineNumber}: {ex.Message}");
        }
        try
        {
            session.Finish();
        }
        catch (Exception ex) when (IsFormatFailure(ex))
        {
            sink.Unparsed(reader.LineNumber, "last entry of the file unreadable: " + ex.Message);
        }
    }

    /// <summary>The per-line cap of this format (64 KiB unless a format's lines are known to be longer).</summary>
    protected virtual int MaxLineBytes => LineReader.DefaultMaxLineBytes;

    /// <summary>Starts reading one file.</summary>
    protected abstract LineSession Open(LogSource source, IEventSink sink);

    /// <summary>The exceptions a parser may raise on text it cannot read.</summary>
    internal static bool IsFormatFailure(Exception ex) =>
        ex is FormatException or ArgumentException or OverflowException or JsonException
            or InvalidOperationException or IndexOutOfRangeException or KeyNotFoundException;
}
