namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>The profiles that drove the collection.</summary>
public sealed record ProfileRecord
{
    /// <summary>The profile names asked for (and chosen, for "auto").</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>Every profile and target file used, with its hash and full text.</summary>
    public required IReadOnlyList<ProfileFileRecord> Files { get; init; }

    /// <summary>Why each profile was chosen when the profile was "auto".</summary>
    public IReadOnlyList<string> Selection { get; init; } = [];
}
