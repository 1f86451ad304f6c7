using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Time;

/// <summary>
/// Wall-clock times written without a zone, read in the host's zone from the manifest (by <see cref="HostTime"/>, the
/// one rule every parser uses), and the year RFC 3164 leaves out.
/// </summary>
internal static class LocalTimes
{
    /// <summary>The UTC instant of <paramref name="wall"/> in the host's zone, and the note that says how it was read (the one rule of <see cref="HostTime"/>).</summary>
    public static (DateTimeOffset Time, string Note) InHostZone(DateTime wall, LogClock clock)
    {
        var resolved = HostTime.Resolve(wall, clock);
        return (resolved.Utc, resolved.Note!);
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
