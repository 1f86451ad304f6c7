namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>A name written in a profile, with the line it is on.</summary>
internal sealed record NameReference(string Name, int Line);
