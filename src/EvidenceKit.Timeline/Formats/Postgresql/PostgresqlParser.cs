using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Postgresql;

/// <summary>
/// PostgreSQL server logs with the default <c>log_line_prefix</c> <c>'%m [%p] '</c> (and the older <c>%t</c> form
/// without milliseconds): <c>2026-12-01 10:00:00.123 UTC [1234] LOG:  message</c>. The zone is written as
/// <c>log_timezone</c>'s abbreviation: UTC/GMT and numeric offsets are exact; any other abbreviation (CET, EST,
/// ...) is ambiguous, so the time is read in the host's zone and the note says which abbreviation was seen.
/// Tab-indented continuation lines belong to the event above them.
/// </summary>
internal sealed partial class PostgresqlParser : LineParser
{
    private static readonly string[] TimeForms = ["yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd HH:mm:ss"];

    /// <inheritdoc />
    public override string Name => "postgresql";

    /// <inheritdoc />
    public override int Fits(LogSample sample) =>
        FitScore.Of(SampleText.NameHas(sample, "postgresql") || SampleText.PathHas(sample, "/postgresql/"),
            Header().IsMatch(SampleText.FirstLine(sample)));

    /// <inheritdoc />
    protected override LineSession Open(LogSource source, IEventSink sink) => new Session(source.Clock, sink);

    private sealed class Session(LogClock clock, IEventSink sink) : GroupedLineSession(sink)
    {
        protected override bool StartsGroup(LogLine line) => Header().IsMatch(line.Text);

        protected override LogEvent? ToEvent(IReadOnlyList<LogLine> lines)
        {
            var m = Header().Match(lines[0].Text);
            if (!LocalTimeText.TryParse(m.Groups["time"].Value, TimeForms, out var wallClock))
            {
                return null;
            }
            var time = Zoned(wallClock, m.Groups["zone"].Value, clock);
            var text = m.Groups["text"].Value;
            var pairs = KeyValueText.ToDictionary(text);
            var failedUser = FailedUser().Match(text);
            var fields = new FieldSet()
                .Add("pid", m.Groups["pid"].Value)
                .Add("level", m.Groups["level"].Value)
                .Add("message", text)
                .Add("user", pairs.GetValueOrDefault("user") ?? (failedUser.Success ? failedUser.Groups[1].Value : null))
                .Add("database", pairs.GetValueOrDefault("database"))
                .Add("client_ip", pairs.GetValueOrDefault("host"))
                .Add("client_port", pairs.GetValueOrDefault("port"))
                .Build();
            return new LogEvent(time.Utc, "Log Time", $"postgresql[{m.Groups["pid"].Value}] {m.Groups["level"].Value}: {text}",
                lines[0].Number, Join(lines), fields, TimeNote: time.Note);
        }
    }

    private static ResolvedTime Zoned(DateTime wallClock, string zone, LogClock clock)
    {
        if (zone is "UTC" or "GMT" or "Z")
        {
            return HostTime.Exact(new DateTimeOffset(wallClock, TimeSpan.Zero));
        }
        var numeric = NumericZone().Match(zone);
        if (numeric.Success)
        {
            var hours = int.Parse(numeric.Groups[2].Value, CultureInfo.InvariantCulture);
            var minutes = numeric.Groups[3].Success ? int.Parse(numeric.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
            var offset = new TimeSpan(hours, minutes, 0) * (numeric.Groups[1].Value == "-" ? -1 : 1);
            return HostTime.Exact(new DateTimeOffset(wallClock, offset));
        }
        var resolved = HostTime.Resolve(wallClock, clock);
        return resolved with { Note = $"{resolved.Note} (log wrote zone abbreviation {zone})" };
    }

    [GeneratedRegex(@"^(?<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{3})?) (?<zone>[A-Za-z]{1,6}|[+-]\d{2}(?::?\d{2})?) \[(?<pid>\d+)\] (?:\S+@\S+ )?(?<level>[A-Z0-9]+):\s+(?<text>.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^([+-])(\d{2})(?::?(\d{2}))?$")]
    private static partial Regex NumericZone();

    [GeneratedRegex("authentication failed for user \"([^\"]{1,128})\"")]
    private static partial Regex FailedUser();
}
