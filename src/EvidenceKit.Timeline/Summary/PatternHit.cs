namespace EvidenceKit.Timeline.Summary;

/// <summary>One request that matched an attack pattern, with where it is in the evidence.</summary>
internal sealed record PatternHit(DateTimeOffset Time, string? ClientIp, string Request, string Host, string EvidenceId, string BagPath, long Line);
