using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>
/// A format where one event spans several lines: a line that <see cref="StartsGroup"/> opens an event and the
/// following lines belong to it until the next such line (or until one that <see cref="EndsGroup"/>). Lines
/// before any group are unparsed; a group is capped at <see cref="MaxLines"/> lines and <see cref="MaxChars"/>
/// characters, and lines past the cap are unparsed. Blank lines outside a group are skipped; blank lines at a
/// group's end are not part of it.
/// </summary>
internal abstract class GroupedLineSession(IEventSink sink) : LineSession
{
    /// <summary>The most lines one event holds.</summary>
    public const int MaxLines = 2000;

    /// <summary>The most characters one event holds (1 Mi).</summary>
    public const int MaxChars = 1024 * 1024;

    private readonly List<LogLine> _lines = [];
    private int _chars;

    /// <summary>Where events and unparsed lines go.</summary>
    protected IEventSink Sink => sink;

    /// <inheritdoc />
    public override void Line(LogLine line)
    {
        if (StartsGroup(line))
        {
            Flush();
            Add(line);
        }
        else if (_lines.Count == 0)
        {
            if (!string.IsNullOrWhiteSpace(line.Text))
            {
                sink.Unparsed(line.Number, line.Text);
            }
            return;
        }
        else if (_lines.Count >= MaxLines || _chars + line.Text.Length > MaxChars)
        {
            sink.Unparsed(line.Number, line.Text);
            return;
        }
        else
        {
            Add(line);
        }
        if (EndsGroup(line))
        {
            Flush();
        }
    }

    /// <inheritdoc />
    public override void Finish() => Flush();

    /// <summary>True when <paramref name="line"/> opens a new event.</summary>
    protected abstract bool StartsGroup(LogLine line);

    /// <summary>True when <paramref name="line"/> is the last line of its event.</summary>
    protected virtual bool EndsGroup(LogLine line) => false;

    /// <summary>The event for a group (blank lines at its end removed), or null when the group cannot be read.</summary>
    protected abstract LogEvent? ToEvent(IReadOnlyList<LogLine> lines);

    /// <summary>The group's lines joined by newlines: the event's original text.</summary>
    protected static string Join(IReadOnlyList<LogLine> lines) => string.Join('\n', lines.Select(l => l.Text));

    private void Add(LogLine line)
    {
        _lines.Add(line);
        _chars += line.Text.Length;
    }

    private void Flush()
    {
        while (_lines.Count > 0 && string.IsNullOrWhiteSpace(_lines[^1].Text))
        {
            _lines.RemoveAt(_lines.Count - 1);
        }
        if (_lines.Count == 0)
        {
            return;
        }
        var lines = _lines.ToArray();
        _lines.Clear();
        _chars = 0;
        LogEvent? logEvent;
        try
        {
            logEvent = ToEvent(lines);
        }
        catch (Exception ex) when (LineParser.IsFormatFailure(ex))
        {
            logEvent = null;
        }
        if (logEvent is null)
        {
            foreach (var line in lines)
            {
                sink.Unparsed(line.Number, line.Text);
            }
        }
        else
        {
            sink.Event(logEvent);
        }
    }
}
