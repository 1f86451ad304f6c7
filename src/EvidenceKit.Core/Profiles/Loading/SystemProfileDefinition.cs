namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>A parsed, validated system profile file, before its includes and target names are followed.</summary>
internal sealed record SystemProfileDefinition(
    string Name,
    string Description,
    IReadOnlyList<NameReference> Includes,
    IReadOnlyList<TargetReference> Targets,
    IReadOnlyList<DetectRule> Detect,
    ProfileDocument Document);
