using System.Globalization;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>Parses the zone-less wall-clock forms service logs write (the caller reads them in the host's zone).</summary>
internal static class LocalTimeText
{
    /// <summary>Parses <paramref name="text"/> in one of <paramref name="formats"/> (invariant culture, exact).</summary>
    public static bool TryParse(string text, string[] formats, out DateTime time) =>
        DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out time);
}
