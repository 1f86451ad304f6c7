using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>
/// Reads a wall-clock time written without a zone in the host's zone (<see cref="LogClock.HostZone"/>) and says
/// so in the note. A time that does not exist (skipped by a DST change) or exists twice (repeated by one) is read
/// with the zone's standard offset, and the note says that too.
/// </summary>
internal static class HostTime
{
    /// <summary>The UTC instant of <paramref name="wallClock"/> read in the host's zone.</summary>
    public static ResolvedTime Resolve(DateTime wallClock, LogClock clock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        var zone = clock.HostZone;
        var note = "zone assumed " + clock.HostZoneName;
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            offset = zone.BaseUtcOffset;
            note += " (local time skipped by a DST change; read with the standard offset)";
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.BaseUtcOffset;
            note += " (local time repeated by a DST change; read with the standard offset)";
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }
        return new ResolvedTime(new DateTimeOffset(local, offset).ToUniversalTime(), note);
    }

    /// <summary>An instant written with its own offset: no note.</summary>
    public static ResolvedTime Exact(DateTimeOffset instant) => new(instant.ToUniversalTime(), null);

    /// <summary>An instant written as seconds since the Unix epoch (with an optional fraction).</summary>
    public static ResolvedTime FromUnixSeconds(long seconds, long microseconds = 0) =>
        new(DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(microseconds * TimeSpan.TicksPerMicrosecond), null);
}
