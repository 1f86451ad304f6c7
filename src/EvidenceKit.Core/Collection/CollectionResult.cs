using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Collection;

/// <summary>How a collection ended.</summary>
/// <param name="Sealed">True when the bundle was sealed (renamed without .partial).</param>
/// <param name="BundlePath">The bundle's path in the store (sealed name, or the .partial one).</param>
/// <param name="Manifest">The manifest written, when sealed.</param>
/// <param name="Collected">Files collected.</param>
/// <param name="Bytes">Bytes collected.</param>
/// <param name="Skipped">Files not collected because of a problem or their type.</param>
/// <param name="Excluded">Files left out by a rule.</param>
/// <param name="EmptyTargets">Targets that matched nothing.</param>
/// <param name="Error">Why the run failed, when it did.</param>
public sealed record CollectionResult(
    bool Sealed,
    string BundlePath,
    CustodyManifest? Manifest,
    int Collected,
    long Bytes,
    IReadOnlyList<SkippedRecord> Skipped,
    IReadOnlyList<SkippedRecord> Excluded,
    IReadOnlyList<EmptyTargetRecord> EmptyTargets,
    string? Error)
{
    /// <summary>What the user must know about a sealed bundle (for example: sealed without a trusted timestamp).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Collected files that carry notes, at most 1000 (every record is in the bundle's custody/files.jsonl).</summary>
    public IReadOnlyList<FileRecord> NotedFiles { get; init; } = [];
}
