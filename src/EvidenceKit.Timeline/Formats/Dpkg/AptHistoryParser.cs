using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Dpkg;

/// <summary>
/// APT's <c>/var/log/apt/history.log</c>: blocks from <c>Start-Date: 2026-12-01  10:00:00</c> to
/// <c>End-Date:</c>, holding <c>Commandline:</c>, <c>Requested-By: user (uid)</c> and the package lists
/// (<c>Install:</c>, <c>Upgrade:</c>, <c>Remove:</c>, <c>Purge:</c>, ...). One event per block at its start, read in the host's zone.
/// </summary>
internal sealed partial class AptHistoryParser : LineParser
{
    private static readonly string[] TimeForms = ["yyyy-MM-dd  HH:mm:ss", "yyyy-MM-dd HH:mm:ss"];
    private static readonly string[] Lists = ["Install", "Reinstall", "Upgrade", "Downgrade", "Remove", "Purge"];

    /// <inheritdoc />
    public override string Name => "apt-history";

    /// <inheritdoc />
    public override int Fits(LogSample sample) =>
        FitScore.Of(SampleText.NameIs(sample, "history.log") && SampleText.PathHas(sample, "/apt/"),
            SampleText.FirstLine(sample).StartsWith("Start-Date: ", StringComparison.Ordinal));

    /// <inheritdoc />
    protected override LineSession Open(LogSource source, IEventSink sink) => new Session(source.Clock, sink);

    private sealed class Session(LogClock clock, IEventSink sink) : GroupedLineSession(sink)
    {
        protected override bool StartsGroup(LogLine line) => line.Text.StartsWith("Start-Date: ", StringComparison.Ordinal);

        protected override bool EndsGroup(LogLine line) => line.Text.StartsWith("End-Date: ", StringComparison.Ordinal);

        protected override LogEvent? ToEvent(IReadOnlyList<LogLine> lines)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in lines)
            {
                var colon = line.Text.IndexOf(": ", StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return null;
                }
                values.TryAdd(line.Text[..colon], line.Text[(colon + 2)..]);
            }
            if (!LocalTimeText.TryParse(values["Start-Date"], TimeForms, out var local))
            {
                return null;
            }
            var time = HostTime.Resolve(local, clock);
            var requested = RequestedBy().Match(values.GetValueOrDefault("Requested-By") ?? "");
            var fields = new FieldSet()
                .Add("command_line", values.GetValueOrDefault("Commandline"))
                .Add("user", requested.Success ? requested.Groups[1].Value : null)
                .Add("uid", requested.Success ? requested.Groups[2].Value : null)
                .Add("end_date", values.GetValueOrDefault("End-Date"))
                .Add("error", values.GetValueOrDefault("Error"));
            foreach (var list in Lists)
            {
                fields.Add(list.ToLowerInvariant(), values.GetValueOrDefault(list));
            }
            var built = fields.Build();
            var changes = string.Join("; ", Lists.Where(values.ContainsKey).Select(l => $"{l}: {values[l]}"));
            var message = $"apt {built.GetValueOrDefault("command_line", "(no command line)")}" + (changes.Length > 0 ? $" ({changes})" : "");
            return new LogEvent(time.Utc, "Start Time", message, lines[0].Number, Join(lines), built, TimeNote: time.Note);
        }
    }

    [GeneratedRegex(@"^(\S+) \((\d+)\)$")]
    private static partial Regex RequestedBy();
}
