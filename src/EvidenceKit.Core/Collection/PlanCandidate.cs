using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Collection;

/// <summary>A file the planner will take unless a cap on the whole collection leaves it out.</summary>
internal sealed record PlanCandidate(string HostPath, string Target, SourceFileInfo Info, string? DiscoveredFrom);
