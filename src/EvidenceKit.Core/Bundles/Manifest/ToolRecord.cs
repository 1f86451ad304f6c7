namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>The collecting tool.</summary>
public sealed record ToolRecord
{
    /// <summary>Tool name.</summary>
    public required string Name { get; init; }

    /// <summary>Tool version.</summary>
    public required string Version { get; init; }

    /// <summary>SHA-256 of the tool's own executable (lower-case hex).</summary>
    public string? Sha256 { get; init; }

    /// <summary>Path of the executable that was hashed.</summary>
    public string? Executable { get; init; }

    /// <summary>The command line, with secrets removed.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];
}
