using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Dpkg;

/// <summary>
/// <c>/var/log/dpkg.log</c> as dpkg(1) documents it: <c>YYYY-MM-DD HH:MM:SS</c> then <c>startup type command</c>,
/// <c>status state pkg installed-version</c>, <c>action pkg installed-version available-version</c> (install,
/// upgrade, remove, purge, configure, trigproc) or <c>conffile filename decision</c>. Local time, read in the host's zone.
/// </summary>
internal sealed partial class DpkgLogParser : SingleLineParser
{
    private static readonly string[] TimeForms = ["yyyy-MM-dd HH:mm:ss"];

    /// <inheritdoc />
    public override string Name => "dpkg";

    /// <inheritdoc />
    public override int Fits(LogSample sample) =>
        FitScore.Of(SampleText.NameIs(sample, "dpkg.log"), Shape().IsMatch(SampleText.FirstLine(sample)));

    /// <inheritdoc />
    protected override LogEvent? ParseLine(LogLine line, LogSource source)
    {
        var m = Shape().Match(line.Text);
        if (!m.Success || !LocalTimeText.TryParse(m.Groups["time"].Value, TimeForms, out var local))
        {
            return null;
        }
        var time = HostTime.Resolve(local, source.Clock);
        var kind = m.Groups["kind"].Value;
        var args = m.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fields = new FieldSet().Add("action", kind);
        switch (kind)
        {
            case "status" when args.Length >= 2:
                fields.Add("status", args[0]).Add("package", args[1]).Add("version", args.ElementAtOrDefault(2));
                break;
            case "startup" or "conffile":
                fields.Add("detail", m.Groups["args"].Value);
                break;
            default:
                fields.Add("package", args.ElementAtOrDefault(0)).Add("version_old", args.ElementAtOrDefault(1))
                    .Add("version", args.ElementAtOrDefault(2));
                break;
        }
        return new LogEvent(time.Utc, "Log Time", $"dpkg {kind} {m.Groups["args"].Value}", line.Number, line.Text, fields.Build(), TimeNote: time.Note);
    }

    [GeneratedRegex(@"^(?<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (?<kind>startup|status|conffile|install|upgrade|remove|purge|configure|trigproc) (?<args>.*)$")]
    private static partial Regex Shape();
}
