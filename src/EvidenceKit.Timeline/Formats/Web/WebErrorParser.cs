using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Time;

namespace EvidenceKit.Timeline.Formats.Web;

/// <summary>
/// A web server's error log, one event a line: the line matches the server's layout, its zone-less time is read in the
/// host's zone, and the event says <c>[level] text</c>. A server names its layout, its time forms and the fields it
/// adds; the fit (by the first lines, higher for a file named "error") and the event are the same for all.
/// </summary>
internal abstract class WebErrorParser : SingleLineParser
{
    /// <summary>The whole-line layout, with the groups <c>time</c>, <c>level</c> and <c>text</c>.</summary>
    protected abstract Regex Line { get; }

    /// <inheritdoc />
    public override int Fits(LogSample sample) =>
        WebFiles.FirstLinesMatch(sample.Head, line => Line.IsMatch(line))
            ? (sample.FileName.Contains("error", StringComparison.OrdinalIgnoreCase) ? 80 : 50)
            : 0;

    /// <summary>Reads the wall-clock time of a matched line.</summary>
    protected abstract bool TryWallClock(string text, out DateTime wallClock);

    /// <summary>Adds the server's own fields of a matched line (<c>level</c> is already there).</summary>
    protected abstract void AddFields(Match match, Dictionary<string, string> fields);

    /// <inheritdoc />
    protected sealed override LogEvent? ParseLine(LogLine line, LogSource source)
    {
        var match = Line.Match(line.Text);
        if (!match.Success || !TryWallClock(match.Groups["time"].Value, out var wall))
        {
            return null;
        }
        var (time, note) = LocalTimes.InHostZone(wall, source.Clock);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["level"] = match.Groups["level"].Value };
        AddFields(match, fields);
        return new LogEvent(time, "Log Time", $"[{fields["level"]}] {match.Groups["text"].Value}", line.Number, line.Text, fields, TimeNote: note);
    }
}
