using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Collection;

/// <summary>One file the plan will copy.</summary>
/// <param name="Id">Evidence id, E000001 onwards, in host-path order (stable across a resume).</param>
/// <param name="HostPath">The path as the collected host sees it, read through the source port (a raw string when its bytes are not UTF-8).</param>
/// <param name="BagPath">Where it goes in the bag ("data/...").</param>
/// <param name="Target">The profile target that named it.</param>
/// <param name="AtPlan">Metadata when planned: what a plan keeps of it (a regular file's size, modification time, inode and device).</param>
/// <param name="DiscoveredFrom">"config:line" when the path came from discovery.</param>
public sealed record PlannedFile(
    string Id,
    string HostPath,
    string BagPath,
    string Target,
    SourceFileInfo AtPlan,
    string? DiscoveredFrom);
