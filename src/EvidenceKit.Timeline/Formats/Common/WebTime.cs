using System.Globalization;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>
/// The access-log time forms: <c>01/Dec/2026:10:00:00 +0100</c> (NCSA common log format, with its offset) and
/// <c>01/Dec/2026:10:00:00.123</c> (HAProxy's accept date, without one).
/// </summary>
internal static class WebTime
{
    private static readonly string[] ZonedForms = ["dd/MMM/yyyy:HH:mm:ss zzz", "dd/MMM/yyyy:HH:mm:ss.FFFFFFF zzz"];
    private static readonly string[] LocalForms = ["dd/MMM/yyyy:HH:mm:ss", "dd/MMM/yyyy:HH:mm:ss.FFFFFFF"];

    /// <summary>Parses the common log format's bracketed time (brackets removed), offset included.</summary>
    public static bool TryParseZoned(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(Offsets.WithColon(text), ZonedForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>Parses the zone-less form.</summary>
    public static bool TryParseLocal(string text, out DateTime time) =>
        DateTime.TryParseExact(text, LocalForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
