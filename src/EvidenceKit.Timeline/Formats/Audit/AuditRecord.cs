using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;

namespace EvidenceKit.Timeline.Formats.Audit;

/// <summary>
/// One line of <c>audit.log</c>: <c>[node=NAME ]type=TYPE msg=audit(SECONDS.MILLIS:SERIAL): key=value ...</c>
/// (auditd's raw format; the event's time and serial are the part in parentheses).
/// </summary>
internal sealed partial record AuditRecord(LogLine Line, string? Node, string Type, long Seconds, int Milliseconds, long Serial, string Body)
{
    /// <summary>The key grouping the records of one event: node, time and serial.</summary>
    public string EventKey => $"{Node}|{Seconds}.{Milliseconds}:{Serial}";

    /// <summary>Reads a line; null when it is not an audit record.</summary>
    public static AuditRecord? Parse(LogLine line)
    {
        var m = Shape().Match(line.Text);
        if (!m.Success)
        {
            return null;
        }
        return new AuditRecord(
            line,
            m.Groups[1].Success ? m.Groups[1].Value : null,
            m.Groups[2].Value,
            long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture),
            m.Groups[6].Value);
    }

    /// <summary>True when a line looks like an audit record (for <c>Fits</c>).</summary>
    public static bool Looks(string text) => Shape().IsMatch(text);

    [GeneratedRegex(@"^(?:node=(\S+) )?type=(\S+) msg=audit\((\d{1,12})\.(\d{3}):(\d{1,19})\):\s?(.*)$")]
    private static partial Regex Shape();
}
