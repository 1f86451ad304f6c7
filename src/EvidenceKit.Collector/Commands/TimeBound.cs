using System.Globalization;
using EvidenceKit.Cli;

namespace EvidenceKit.Collector.Commands;

/// <summary>One end of the time window (--since, --until): a span back from now ("7d") or a date; no clock until <see cref="At"/>.</summary>
internal sealed record TimeBound(TimeSpan? Ago, DateTimeOffset? Date)
{
    /// <summary>The moment this bound names, now being <paramref name="time"/>'s now.</summary>
    public DateTimeOffset At(TimeProvider time) => Date ?? time.GetUtcNow() - Ago!.Value;

    /// <summary>"7d", "12h", "30m", "2w", or a date/time (UTC unless it says otherwise); errors name <paramref name="option"/>.</summary>
    public static TimeBound Parse(string option, string text)
    {
        var t = text.Trim();
        if (t.Length > 1 && int.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? span = char.ToLowerInvariant(t[^1]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => null,
            };
            if (span is { } s)
            {
                return new TimeBound(s, null);
            }
        }
        if (t.Length > 0 && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return new TimeBound(null, date);
        }
        throw CliException.BadInput($"{option} takes a duration like 7d, 12h, 30m, 2w, or a date like 2026-11-20 or 2026-11-20T08:00:00Z; '{text}' is neither.");
    }
}
