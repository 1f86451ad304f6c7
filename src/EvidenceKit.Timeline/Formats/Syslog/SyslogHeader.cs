using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Time;

namespace EvidenceKit.Timeline.Formats.Syslog;

/// <summary>
/// Reads the header of a syslog line as daemons write them to files: RFC 3164 (<c>Dec  1 10:00:00 host prog[pid]: msg</c>,
/// no year, no zone), RFC 3339 (<c>2026-12-01T10:00:00.123456+01:00 host prog[pid]: msg</c>, rsyslog's high-precision
/// file format) and RFC 5424 (<c>&lt;PRI&gt;1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG</c>); each with an optional leading
/// <c>&lt;PRI&gt;</c>.
/// </summary>
internal static partial class SyslogHeader
{
    /// <summary>The line split, or null when it is none of the three forms.</summary>
    public static SyslogLine? Read(string text, LogClock clock)
    {
        var match = Rfc5424().Match(text);
        if (match.Success && TryRfc3339(match.Groups["time"].Value, out var time5424))
        {
            return new SyslogLine(time5424, null, Nil(match.Groups["host"].Value), Nil(match.Groups["app"].Value), Nil(match.Groups["procid"].Value),
                match.Groups["msg"].Value.TrimStart('\uFEFF'), Priority(match), Nil(match.Groups["msgid"].Value), Nil(match.Groups["sd"].Value), "rfc5424");
        }
        match = Rfc3339().Match(text);
        if (match.Success && TryRfc3339(match.Groups["time"].Value, out var time3339))
        {
            return Tagged(match, time3339, null, "rfc3339");
        }
        match = Rfc3164().Match(text);
        if (match.Success)
        {
            var month = LocalTimes.Month(match.Groups["month"].Value);
            var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
            if (month == 0 || day is < 1 or > 31
                || !TimeSpan.TryParseExact(match.Groups["clock"].Value, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var clockTime))
            {
                return null;
            }
            var year = LocalTimes.InferYear(month, day, clockTime, clock);
            if (day > DateTime.DaysInMonth(year, month))
            {
                return null;
            }
            var (time, zoneNote) = LocalTimes.InHostZone(new DateTime(year, month, day).Add(clockTime), clock);
            return Tagged(match, time, $"{zoneNote}; year inferred {year} from the file's modification time", "rfc3164");
        }
        return null;
    }

    private static SyslogLine Tagged(Match match, DateTimeOffset time, string? note, string form) =>
        new(time, note, match.Groups["host"].Value, match.Groups["program"].Success ? match.Groups["program"].Value : null,
            match.Groups["pid"].Success ? match.Groups["pid"].Value : null, match.Groups["msg"].Value, Priority(match), null, null, form);

    private static int? Priority(Match match) =>
        match.Groups["pri"].Success && int.TryParse(match.Groups["pri"].Value, CultureInfo.InvariantCulture, out var pri) && pri <= 191 ? pri : null;

    private static string? Nil(string value) => value == "-" ? null : value;

    private static bool TryRfc3339(string text, out DateTimeOffset time)
    {
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
        return ok && (text.EndsWith('Z') || text.EndsWith("z", StringComparison.Ordinal) || text.Length > 6 && text[^6] is '+' or '-');
    }

    [GeneratedRegex(@"^(?:<(?<pri>[0-9]{1,3})>)?1 (?<time>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(?:Z|[+-][0-9]{2}:[0-9]{2})) (?<host>\S+) (?<app>\S+) (?<procid>\S+) (?<msgid>\S+) (?<sd>-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: (?<msg>.*))?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Rfc5424();

    [GeneratedRegex(@"^(?:<(?<pri>[0-9]{1,3})>)?(?<time>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(?:Z|[+-][0-9]{2}:[0-9]{2})) (?<host>\S+) (?:(?<program>[^\s\[:]+)(?:\[(?<pid>[0-9]+)\])?: ?)?(?<msg>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Rfc3339();

    [GeneratedRegex(@"^(?:<(?<pri>[0-9]{1,3})>)?(?<month>[A-Z][a-z]{2}) (?<day>[ 0-9]?[0-9]) (?<clock>[0-9]{2}:[0-9]{2}:[0-9]{2}) (?<host>\S+) (?:(?<program>[^\s\[:]+)(?:\[(?<pid>[0-9]+)\])?: ?)?(?<msg>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Rfc3164();
}
