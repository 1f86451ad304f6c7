namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>
/// One entry under 'detect:': host paths (globs with '*' allowed) that must all exist for
/// "--profile auto" to pick the profile.
/// </summary>
internal sealed record DetectRule(IReadOnlyList<string> AllOf, int Line);
