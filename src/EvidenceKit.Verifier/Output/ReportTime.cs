using System.Globalization;

namespace EvidenceKit.Verifier.Output;

/// <summary>Times as a reader of the custody report sees them: "2026-12-01 21:45:56 UTC" (full precision only in the appendix).</summary>
internal static class ReportTime
{
    /// <summary>"2026-12-01 21:45:56 UTC".</summary>
    public static string Short(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A manifest's ISO 8601 time in the short form; null when absent; the text as given when it is not a time.</summary>
    public static string? Short(string? iso) =>
        iso is null ? null : Parse(iso) is { } time ? Short(time) : iso;

    /// <summary>The time an ISO 8601 text names, or null when it names none. Digits past 100 ns are dropped.</summary>
    public static DateTimeOffset? Parse(string? iso)
    {
        if (string.IsNullOrWhiteSpace(iso) || iso.Length > 64)
        {
            return null;
        }
        var text = iso;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
            if (end - dot - 1 > 7)
            {
                text = text[..(dot + 8)] + text[end..];
            }
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }
}
