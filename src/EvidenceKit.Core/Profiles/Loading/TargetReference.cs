namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>An entry under 'targets:': the name of a target file, or a target written inline.</summary>
internal sealed record TargetReference(string Name, int Line, TargetDefinition? Inline);
