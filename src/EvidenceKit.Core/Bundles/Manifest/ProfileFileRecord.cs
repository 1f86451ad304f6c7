namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>One profile or target file.</summary>
public sealed record ProfileFileRecord
{
    /// <summary>Profile or target name.</summary>
    public required string Name { get; init; }

    /// <summary>Where it came from: "embedded:profiles/systems/linux-base.yaml" or a file path.</summary>
    public required string Source { get; init; }

    /// <summary>SHA-256 of the text's UTF-8 bytes.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The full text.</summary>
    public required string Text { get; init; }
}
