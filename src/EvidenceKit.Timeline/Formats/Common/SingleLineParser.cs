using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>
/// A format where every non-blank line is one event on its own. Blank lines carry nothing and are skipped;
/// a line <see cref="ParseLine"/> cannot read is reported unparsed.
/// </summary>
internal abstract class SingleLineParser : LineParser
{
    /// <summary>Reads one line into an event, or null when the line is not in the format.</summary>
    protected abstract LogEvent? ParseLine(LogLine line, LogSource source);

    /// <inheritdoc />
    protected sealed override LineSession Open(LogSource source, IEventSink sink) => new Session(this, source, sink);

    private sealed class Session(SingleLineParser parser, LogSource source, IEventSink sink) : LineSession
    {
        public override void Line(LogLine line)
        {
            if (string.IsNullOrWhiteSpace(line.Text))
            {
                return;
            }
            var parsed = parser.ParseLine(line, source);
            if (parsed is null)
            {
                sink.Unparsed(line.Number, line.Text);
            }
            else
            {
                sink.Event(parsed);
            }
        }
    }
}
