using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Mysql;

/// <summary>
/// MySQL and MariaDB error logs in their three time forms: ISO 8601 with <c>Z</c> or an offset (MySQL 5.7 and 8.0,
/// <c>log_timestamps</c>), <c>2026-12-01 10:00:00</c> (MariaDB 10.x), and the old <c>261201 10:00:00</c>
/// (<c>YYMMDD</c>, hour possibly space-padded). Zone-less times are read in the host's zone. Lines that do not
/// start with a time (stack traces, continuation text) belong to the event above them.
/// </summary>
internal sealed partial class MysqlErrorParser : LineParser
{
    private static readonly string[] LocalForms = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd H:mm:ss", "yyMMdd HH:mm:ss", "yyMMdd H:mm:ss"];

    /// <inheritdoc />
    public override string Name => "mysql-error";

    /// <inheritdoc />
    public override int Fits(LogSample sample)
    {
        var name = SampleText.NameIs(sample, "error.log", "mysqld.log", "mysql.log", "mariadb.log", "mysql.err")
                   && (SampleText.PathHas(sample, "mysql") || SampleText.PathHas(sample, "mariadb"));
        var content = Header().Match(SampleText.FirstLine(sample)) is { Success: true } m
                      && Regex.IsMatch(m.Groups["rest"].Value, @"^(?:\d+ )?\[(?:Note|Warning|ERROR|System|Error|Info)\]|^mysqld", RegexOptions.None, TimeSpan.FromSeconds(1));
        return FitScore.Of(name, content);
    }

    /// <inheritdoc />
    protected override LineSession Open(LogSource source, IEventSink sink) => new Session(source.Clock, sink);

    private sealed class Session(LogClock clock, IEventSink sink) : GroupedLineSession(sink)
    {
        protected override bool StartsGroup(LogLine line) => Header().IsMatch(line.Text);

        protected override LogEvent? ToEvent(IReadOnlyList<LogLine> lines)
        {
            var m = Header().Match(lines[0].Text);
            ResolvedTime time;
            if (m.Groups["iso"].Success)
            {
                if (!JsonText.TryParseInstant(m.Groups["iso"].Value, out var instant))
                {
                    return null;
                }
                time = HostTime.Exact(instant);
            }
            else if (LocalTimeText.TryParse(m.Groups["local"].Value, LocalForms, out var local))
            {
                time = HostTime.Resolve(local, clock);
            }
            else
            {
                return null;
            }
            var rest = Body().Match(m.Groups["rest"].Value);
            var fields = new FieldSet()
                .Add("thread", rest.Groups["thread"].Value)
                .Add("level", rest.Groups["level"].Value)
                .Add("error_code", rest.Groups["code"].Value)
                .Add("subsystem", rest.Groups["subsystem"].Value)
                .Add("message", rest.Groups["text"].Value)
                .Build();
            var message = "mysql " + (rest.Groups["level"].Success ? $"[{rest.Groups["level"].Value}] " : "") + rest.Groups["text"].Value;
            return new LogEvent(time.Utc, "Log Time", message, lines[0].Number, Join(lines), fields, TimeNote: time.Note);
        }
    }

    [GeneratedRegex(@"^(?:(?<iso>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}))|(?<local>\d{4}-\d{2}-\d{2} {1,2}\d{1,2}:\d{2}:\d{2}|\d{6} {1,2}\d{1,2}:\d{2}:\d{2}))\s+(?<rest>.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^(?:(?<thread>\d+) )?(?:\[(?<level>[A-Za-z]+)\] )?(?:\[(?<code>MY-\d+)\] )?(?:\[(?<subsystem>[A-Za-z]+)\] )?(?<text>.*)$")]
    private static partial Regex Body();
}
