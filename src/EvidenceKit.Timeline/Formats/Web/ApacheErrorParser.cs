using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Time;

namespace EvidenceKit.Timeline.Formats.Web;

/// <summary>
/// Apache's error log, 2.4 (<c>[Tue Dec 01 10:00:00.123456 2026] [core:error] [pid 12:tid 34] [client 1.2.3.4:5678] AH00128: text</c>)
/// and 2.2 (<c>[Tue Dec 01 10:00:00 2026] [error] [client 1.2.3.4] text</c>). The time has no zone: read in the host's zone.
/// </summary>
internal sealed partial class ApacheErrorParser : SingleLineParser
{
    /// <inheritdoc />
    public override string Name => "apache-error";

    /// <inheritdoc />
    public override int Fits(LogSample sample) =>
        WebFiles.FirstLinesMatch(sample.Head, line => Line().IsMatch(line))
            ? (sample.FileName.Contains("error", StringComparison.OrdinalIgnoreCase) ? 80 : 50)
            : 0;

    /// <inheritdoc />
    protected override LogEvent? ParseLine(LogLine line, LogSource source)
    {
        var match = Line().Match(line.Text);
        if (!match.Success || !DateTime.TryParseExact(match.Groups["time"].Value,
                ["ddd MMM dd HH:mm:ss.ffffff yyyy", "ddd MMM dd HH:mm:ss yyyy", "ddd MMM d HH:mm:ss yyyy"],
                CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var wall))
        {
            return null;
        }
        var (time, note) = LocalTimes.InHostZone(wall, source.Clock);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["level"] = match.Groups["level"].Value };
        void Put(string field, string group)
        {
            if (match.Groups[group].Success)
            {
                fields[field] = match.Groups[group].Value;
            }
        }
        Put("module", "module");
        Put("pid", "pid");
        Put("tid", "tid");
        Put("client_ip", "client");
        Put("client_port", "port");
        Put("error_code", "code");
        var text = match.Groups["text"].Value;
        return new LogEvent(time, "Log Time", $"[{fields["level"]}] {text}", line.Number, line.Text, fields, TimeNote: note);
    }

    [GeneratedRegex(@"^\[(?<time>[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]{1,2} [0-9:.]{8,15} [0-9]{4})\] \[(?:(?<module>[a-z_0-9]+):)?(?<level>[a-z]+[0-9]?)\](?: \[pid (?<pid>[0-9]+)(?::tid (?<tid>[0-9]+))?\])?(?: \[client (?<client>[0-9a-fA-F.:]+?)(?::(?<port>[0-9]+))?\])? (?:(?<code>AH[0-9]{5}): )?(?<text>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Line();
}
