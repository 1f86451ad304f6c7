namespace EvidenceKit.Timeline.Bundles;

/// <summary>What the timeline takes from one bundle's manifest: its id, the host, the host's zone and clock offset, and the files.</summary>
/// <param name="BundleId">The bundle's id (manifest <c>bundleId</c>).</param>
/// <param name="Host">The host name collected from.</param>
/// <param name="TimeZone">The host's zone id as recorded (<c>host.timeZone</c>), or null.</param>
/// <param name="ClockOffsetSeconds">The host clock's offset (<c>host.clockOffset.seconds</c>: host clock minus reference time), when recorded.</param>
/// <param name="Files">Every collected file's record.</param>
internal sealed record BundleFacts(string BundleId, string Host, string? TimeZone, double? ClockOffsetSeconds, IReadOnlyList<EvidenceRecord> Files);
