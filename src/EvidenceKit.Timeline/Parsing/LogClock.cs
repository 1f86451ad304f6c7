namespace EvidenceKit.Timeline.Parsing;

/// <summary>
/// The facts a parser needs to turn a log's own time text into UTC: the source host's time zone (from the
/// bundle's manifest) for times written without a zone, and the file's modification time for formats that
/// omit the year (RFC 3164 syslog).
/// </summary>
/// <param name="HostZone">The host's zone; times without an offset are read in it.</param>
/// <param name="HostZoneName">The zone's name as recorded (written on events whose time was read in it).</param>
/// <param name="FileModified">The evidence file's modification time on the source host (UTC).</param>
public sealed record LogClock(TimeZoneInfo HostZone, string HostZoneName, DateTimeOffset FileModified);
