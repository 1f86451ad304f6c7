namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>A file the plan named that is not in the bundle.</summary>
public sealed record SkippedRecord
{
    /// <summary>The source path.</summary>
    public required string Path { get; init; }

    /// <summary>Raw bytes of the path, base64, when not valid UTF-8.</summary>
    public string? PathBase64 { get; init; }

    /// <summary>Why, in words: "permission denied", "fifo (never opened)", "larger than max-file-size (2 GiB)".</summary>
    public required string Reason { get; init; }

    /// <summary>The profile target that named it.</summary>
    public string? Target { get; init; }

    /// <summary>True when the skip is a failure (read error) rather than a policy (size cap, special file).</summary>
    public bool Failed { get; init; }

    /// <summary>Why, as a type; null in bundles made before outcomes were recorded.</summary>
    public SkipOutcome? Outcome { get; init; }
}
