using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.ModSecurity;

/// <summary>
/// Groups a ModSecurity 2.x native audit log (serial, or one file per transaction in concurrent mode) into one
/// event per transaction: it opens at the <c>--ID-A--</c> boundary and closes at <c>--ID-Z--</c>. Part A gives
/// the time, the unique transaction id and the addresses; B the request line and headers; F the response status;
/// H the rule messages (<c>[id "..."]</c>, <c>[msg "..."]</c>) and the action.
/// </summary>
internal sealed partial class ModSecuritySession(IEventSink sink) : GroupedLineSession(sink)
{
    /// <inheritdoc />
    protected override bool StartsGroup(LogLine line) => Boundary(line.Text) is { Part: 'A' };

    /// <inheritdoc />
    protected override bool EndsGroup(LogLine line) => Boundary(line.Text) is { Part: 'Z' };

    /// <summary>The boundary's id and part letter, when the line is a part boundary.</summary>
    public static (string Id, char Part)? Boundary(string text)
    {
        var m = BoundaryShape().Match(text);
        return m.Success ? (m.Groups[1].Value, m.Groups[2].Value[0]) : null;
    }

    /// <inheritdoc />
    protected override LogEvent? ToEvent(IReadOnlyList<LogLine> lines)
    {
        var parts = new Dictionary<char, List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (Boundary(line.Text) is { } boundary)
            {
                current = parts.TryGetValue(boundary.Part, out var existing) ? existing : parts[boundary.Part] = [];
                continue;
            }
            current?.Add(line.Text);
        }
        var header = parts.GetValueOrDefault('A')?.FirstOrDefault(l => l.Length > 0);
        var a = header is null ? null : PartA().Match(header);
        if (a is null || !a.Success || !WebTime.TryParseZoned(a.Groups["time"].Value, out var time))
        {
            return null;
        }
        var fields = new FieldSet()
            .Add("transaction_id", a.Groups["id"].Value)
            .Add("client_ip", a.Groups["cip"].Value)
            .Add("client_port", a.Groups["cport"].Value)
            .Add("server_ip", a.Groups["sip"].Value)
            .Add("server_port", a.Groups["sport"].Value);
        Request(parts.GetValueOrDefault('B'), fields);
        var status = parts.GetValueOrDefault('F')?.FirstOrDefault()?.Split(' ');
        fields.Add("status", status is { Length: >= 2 } ? status[1] : null);
        var trailer = parts.GetValueOrDefault('H') ?? [];
        var ruleIds = trailer.SelectMany(l => RuleId().Matches(l)).Select(m => m.Groups[1].Value).Distinct().ToArray();
        var ruleMessages = trailer.SelectMany(l => RuleMessage().Matches(l)).Select(m => m.Groups[1].Value).Distinct().ToArray();
        fields.Add("rule_ids", string.Join(',', ruleIds))
            .Add("rule_messages", string.Join(" | ", ruleMessages))
            .Add("action", trailer.FirstOrDefault(l => l.StartsWith("Action:", StringComparison.Ordinal))?["Action:".Length..].Trim());
        var built = fields.Build();
        var message = $"{built.GetValueOrDefault("client_ip", "?")} {built.GetValueOrDefault("method", "?")} {built.GetValueOrDefault("url", "?")} {built.GetValueOrDefault("status", "?")}"
                      + (ruleMessages.Length > 0 ? " " + string.Join(" | ", ruleMessages) : "");
        return new LogEvent(time.ToUniversalTime(), "Request Time", message, lines[0].Number, Join(lines), built);
    }

    private static void Request(List<string>? partB, FieldSet fields)
    {
        if (partB is null || partB.Count == 0)
        {
            return;
        }
        var request = partB[0].Split(' ');
        if (request.Length == 3)
        {
            fields.Add("method", request[0]).Add("url", request[1]).Add("protocol", request[2]);
        }
        foreach (var header in partB.Skip(1))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var value = header[(colon + 1)..].Trim();
            switch (header[..colon].Trim().ToLowerInvariant())
            {
                case "host":
                    fields.Add("vhost", value);
                    break;
                case "user-agent":
                    fields.Add("user_agent", value);
                    break;
                case "referer":
                    fields.Add("referer", value);
                    break;
            }
        }
    }

    [GeneratedRegex(@"^--([0-9A-Za-z]{8,32})-([A-Z])--$")]
    private static partial Regex BoundaryShape();

    [GeneratedRegex(@"^\[(?<time>[^\]]+)\] (?<id>\S+) (?<cip>\S+) (?<cport>\d+) (?<sip>\S+) (?<sport>\d+)")]
    private static partial Regex PartA();

    [GeneratedRegex("""\[id "(\d{1,12})"\]""")]
    private static partial Regex RuleId();

    [GeneratedRegex("""\[msg "([^"]{0,1024})"\]""")]
    private static partial Regex RuleMessage();
}
