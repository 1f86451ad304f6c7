using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Time;

/// <summary>
/// Wall-clock times written without a zone, read in the host's zone from the manifest. A time in a spring-forward gap
/// is read with the offset before the change; an ambiguous autumn time takes the earlier (daylight) instant; both say so.
/// </summary>
internal static class LocalTimes
{
    /// <summary>The UTC instant of <paramref name="wall"/> in the host's zone, and the note that says how it was read.</summary>
    public static (DateTimeOffset Time, string Note) InHostZone(DateTime wall, LogClock clock)
    {
        var zone = clock.HostZone;
        var unspecified = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        var note = $"zone assumed {clock.HostZoneName}";
        TimeSpan offset;
        if (zone.IsInvalidTime(unspecified))
        {
            offset = zone.GetUtcOffset(unspecified.AddHours(-3));
            note += " (time in a daylight-saving gap)";
        }
        else if (zone.IsAmbiguousTime(unspecified))
        {
            offset = zone.GetAmbiguousTimeOffsets(unspecified).Max();
            note += " (ambiguous at a daylight-saving change: earlier instant taken)";
        }
        else
        {
            offset = zone.GetUtcOffset(unspecified);
        }
        return (new DateTimeOffset(unspecified, offset).ToUniversalTime(), note);
    }

    /// <summary>
    /// The year of an RFC 3164 time (month, day, time, no year): the year of the file's last modification in the host's
    /// zone, or the year before when that would put the line more than a day after the file was last written (a file
    /// begun in December and written into January).
    /// </summary>
    public static int InferYear(int month, int day, TimeSpan timeOfDay, LogClock clock)
    {
        var modified = TimeZoneInfo.ConvertTime(clock.FileModified, clock.HostZone);
        var year = modified.Year;
        if (month == 2 && day == 29 && !DateTime.IsLeapYear(year))
        {
            return DateTime.IsLeapYear(year - 1) ? year - 1 : year - 4;
        }
        var candidate = new DateTime(year, month, day).Add(timeOfDay);
        return candidate > modified.DateTime.AddDays(1) ? year - 1 : year;
    }

    /// <summary>"Jan".."Dec" to 1..12, or 0.</summary>
    public static int Month(ReadOnlySpan<char> name) => name switch
    {
        "Jan" => 1, "Feb" => 2, "Mar" => 3, "Apr" => 4, "May" => 5, "Jun" => 6,
        "Jul" => 7, "Aug" => 8, "Sep" => 9, "Oct" => 10, "Nov" => 11, "Dec" => 12,
        _ => 0,
    };
}
