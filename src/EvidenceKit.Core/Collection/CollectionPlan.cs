using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Profiles;

namespace EvidenceKit.Core.Collection;

/// <summary>What a collection will take, decided before anything is written.</summary>
/// <param name="Profile">The resolved profile the plan came from.</param>
/// <param name="Files">Files to copy, in id order. A planner's plan keeps them compact and makes each <see cref="PlannedFile"/> when asked.</param>
/// <param name="Skipped">Files named by the profile that cannot be collected (special files, unreadable directories).</param>
/// <param name="Excluded">Files left out by a rule (time window, size caps, symbolic links).</param>
/// <param name="EmptyTargets">Targets that matched nothing.</param>
/// <param name="Warnings">Problems met while planning (discovery, unreadable directories).</param>
public sealed record CollectionPlan(
    ResolvedProfile Profile,
    IReadOnlyList<PlannedFile> Files,
    IReadOnlyList<SkippedRecord> Skipped,
    IReadOnlyList<SkippedRecord> Excluded,
    IReadOnlyList<EmptyTargetRecord> EmptyTargets,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Bytes the plan will copy.</summary>
    public long TotalBytes => Files is PlannedFiles compact ? compact.TotalBytes : Files.Sum(f => f.AtPlan.Size);

    /// <summary>The planned size of file <paramref name="index"/>, without making its <see cref="PlannedFile"/> when the plan is compact.</summary>
    internal long SizeAt(int index) => Files is PlannedFiles compact ? compact.SizeAt(index) : Files[index].AtPlan.Size;
}
