namespace EvidenceKit.Core.Bundles;

/// <summary>What a partial bundle keeps so that <c>--resume</c> can finish the same collection.</summary>
public sealed record ResumeInfo
{
    /// <summary>The bundle's id.</summary>
    public required Guid BundleId { get; init; }

    /// <summary>The sealed name the bundle will get.</summary>
    public required string FinalName { get; init; }

    /// <summary>When the first run started (UTC).</summary>
    public required string Started { get; init; }

    /// <summary>"analysis" or "prosecution".</summary>
    public required string Mode { get; init; }

    /// <summary>The original command line (secrets removed), re-read on resume.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }
}
