using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.PhpFpm;

/// <summary>
/// PHP-FPM's error log (<c>[01-Dec-2026 10:00:00] NOTICE: fpm is running, pid 1234</c>) and slow log
/// (<c>[01-Dec-2026 10:00:05]  [pool www] pid 4321</c>, then <c>script_filename = ...</c> and the stack).
/// Lines without a leading time belong to the entry above them. Times carry no zone and are read in the host's
/// zone, except PHP's own error_log form that names its zone (<c>[01-Dec-2026 10:00:00 UTC]</c>).
/// </summary>
internal sealed partial class PhpFpmParser : LineParser
{
    private static readonly string[] TimeForms = ["dd-MMM-yyyy HH:mm:ss", "dd-MMM-yyyy HH:mm:ss.FFFFFF"];

    /// <inheritdoc />
    public override string Name => "php-fpm";

    /// <inheritdoc />
    public override int Fits(LogSample sample)
    {
        var name = SampleText.NameHas(sample, "php") && (SampleText.NameHas(sample, "fpm") || SampleText.NameHas(sample, "slow"));
        return FitScore.Of(name || SampleText.PathHas(sample, "php-fpm"), Header().IsMatch(SampleText.FirstLine(sample)));
    }

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
            var fields = new FieldSet();
            var slow = Slow().Match(text);
            string description;
            if (slow.Success)
            {
                var script = lines.Skip(1).Select(l => ScriptLine().Match(l.Text)).FirstOrDefault(s => s.Success);
                fields.Add("pool", slow.Groups["pool"].Value).Add("pid", slow.Groups["pid"].Value)
                    .Add("script", script?.Groups[1].Value).Add("level", "SLOW");
                description = $"php-fpm slow request in pool {slow.Groups["pool"].Value} (pid {slow.Groups["pid"].Value}) {script?.Groups[1].Value}";
            }
            else
            {
                var body = Body().Match(text);
                var child = Child().Match(text);
                fields.Add("level", body.Groups["level"].Value).Add("pool", body.Groups["pool"].Value)
                    .Add("pid", child.Success ? child.Groups[1].Value : null).Add("message", body.Success ? body.Groups["msg"].Value : text);
                description = "php-fpm " + text;
            }
            return new LogEvent(time.Utc, "Log Time", description, lines[0].Number, Join(lines), fields.Build(), TimeNote: time.Note);
        }
    }

    private static ResolvedTime Zoned(DateTime wallClock, string zone, LogClock clock)
    {
        if (zone.Length == 0)
        {
            return HostTime.Resolve(wallClock, clock);
        }
        if (zone is "UTC" or "GMT")
        {
            return HostTime.Exact(new DateTimeOffset(wallClock, TimeSpan.Zero));
        }
        if (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var named))
        {
            return HostTime.Resolve(wallClock, new LogClock(named, zone, clock.FileModified)) with { Note = null };
        }
        var resolved = HostTime.Resolve(wallClock, clock);
        return resolved with { Note = $"{resolved.Note} (log wrote zone {zone})" };
    }

    [GeneratedRegex(@"^\[(?<time>\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)(?: (?<zone>[A-Za-z][A-Za-z_/+\-0-9]{0,40}))?\]\s+(?<text>.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\[pool (?<pool>[^\]]{1,100})\] pid (?<pid>\d+)$")]
    private static partial Regex Slow();

    [GeneratedRegex(@"^script_filename = (.*)$")]
    private static partial Regex ScriptLine();

    [GeneratedRegex(@"^(?<level>DEBUG|NOTICE|WARNING|ERROR|ALERT|EMERGENCY|PHP [A-Za-z ]+?):\s+(?:\[pool (?<pool>[^\]]{1,100})\] )?(?<msg>.*)$")]
    private static partial Regex Body();

    [GeneratedRegex(@"child (\d+)")]
    private static partial Regex Child();
}
