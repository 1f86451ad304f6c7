namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>Where the bundle was written.</summary>
public sealed record TargetRecord
{
    /// <summary>"directory" or "sftp" (<see cref="Abstractions.TargetKinds.Name"/>).</summary>
    public required string Kind { get; init; }

    /// <summary>The store's location.</summary>
    public required string Location { get; init; }

    /// <summary>The target's file system, when known.</summary>
    public string? FileSystem { get; init; }
}
