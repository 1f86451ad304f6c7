using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Fail2ban;

/// <summary>
/// <c>fail2ban.log</c>: <c>2026-12-01 10:00:00,123 fail2ban.actions [1234]: NOTICE [sshd] Ban 203.0.113.9</c>
/// (the pid is absent in old versions). Times carry no zone: read in the host's zone.
/// </summary>
internal sealed partial class Fail2banParser : SingleLineParser
{
    private static readonly string[] TimeForms = ["yyyy-MM-dd HH:mm:ss,fff", "yyyy-MM-dd HH:mm:ss"];

    /// <inheritdoc />
    public override string Name => "fail2ban";

    /// <inheritdoc />
    public override int Fits(LogSample sample) =>
        FitScore.Of(SampleText.NameIs(sample, "fail2ban.log"), Shape().IsMatch(SampleText.FirstLine(sample)));

    /// <inheritdoc />
    protected override LogEvent? ParseLine(LogLine line, LogSource source)
    {
        var clock = source.Clock;
        var m = Shape().Match(line.Text);
        if (!m.Success || !LocalTimeText.TryParse(m.Groups["time"].Value, TimeForms, out var local))
        {
            return null;
        }
        var time = HostTime.Resolve(local, clock);
        var text = m.Groups["text"].Value;
        var action = Action().Match(text);
        var fields = new FieldSet()
            .Add("component", m.Groups["component"].Value)
            .Add("pid", m.Groups["pid"].Value)
            .Add("level", m.Groups["level"].Value)
            .Add("jail", m.Groups["jail"].Value)
            .Add("action", action.Success ? action.Groups[1].Value : null)
            .Add("client_ip", action.Success ? action.Groups[2].Value : null)
            .Build();
        var jail = m.Groups["jail"].Success ? $"[{m.Groups["jail"].Value}] " : "";
        return new LogEvent(time.Utc, "Log Time", $"fail2ban {jail}{text}", line.Number, line.Text, fields, TimeNote: time.Note);
    }

    [GeneratedRegex(@"^(?<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:,\d{3})?) (?<component>fail2ban\.\S+?)(?:\s+\[(?<pid>\d+)\])?:\s+(?<level>[A-Z]+)\s+(?:\[(?<jail>[^\]]{1,100})\]\s+)?(?<text>.*)$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"^(Restore Ban|Increase Ban|Ban|Unban|Found|Ignore)\s+(\S+)")]
    private static partial Regex Action();
}
