namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>A profile target that matched no file.</summary>
public sealed record EmptyTargetRecord
{
    /// <summary>The target's name.</summary>
    public required string Name { get; init; }

    /// <summary>The patterns that were tried (as the host sees them).</summary>
    public required IReadOnlyList<string> Patterns { get; init; }
}
