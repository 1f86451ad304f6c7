using EvidenceKit.Timeline.Bundles;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>One bundle in a timeline run: its path, its verdict as written on events, its manifest facts, and its clock.</summary>
/// <param name="Path">The bundle directory as given.</param>
/// <param name="Verdict">As written on events: <c>valid</c>, <c>untrusted</c>, <c>incomplete</c>, or <c>unverified</c> (forced past INVALID).</param>
/// <param name="Facts">The manifest's facts.</param>
/// <param name="Zone">The host's zone (UTC when none was recorded or known).</param>
/// <param name="ZoneName">The zone as written on events.</param>
internal sealed record TimelineBundle(string Path, string Verdict, BundleFacts Facts, TimeZoneInfo Zone, string ZoneName)
{
    /// <summary>Makes the bundle, resolving the recorded zone; an unknown or missing zone reads as UTC and says so.</summary>
    public static TimelineBundle Create(string path, string verdict, BundleFacts facts)
    {
        if (facts.TimeZone is { Length: > 0 } id)
        {
            try
            {
                return new TimelineBundle(path, verdict, facts, TimeZoneInfo.FindSystemTimeZoneById(id), id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
            {
                return new TimelineBundle(path, verdict, facts, TimeZoneInfo.Utc, $"UTC (recorded zone '{id}' unknown here)");
            }
        }
        return new TimelineBundle(path, verdict, facts, TimeZoneInfo.Utc, "UTC (no zone recorded)");
    }

    /// <summary>The clock a parser gets for <paramref name="record"/>.</summary>
    public LogClock Clock(EvidenceRecord record) => new(Zone, ZoneName, record.Mtime ?? DateTimeOffset.UnixEpoch);
}
