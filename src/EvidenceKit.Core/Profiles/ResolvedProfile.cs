namespace EvidenceKit.Core.Profiles;

/// <summary>A system profile with its includes followed: every target, once, and every file that went into it.</summary>
/// <param name="Names">The profile(s) asked for; several when "auto" picked more than one.</param>
/// <param name="Description">Description of the (first) profile.</param>
/// <param name="Targets">Every target, de-duplicated by name, in include order.</param>
/// <param name="Documents">Every profile and target file read, for the manifest.</param>
/// <param name="Selection">Why each profile was picked, when "auto" chose them.</param>
public sealed record ResolvedProfile(
    IReadOnlyList<string> Names,
    string Description,
    IReadOnlyList<TargetDefinition> Targets,
    IReadOnlyList<ProfileDocument> Documents,
    IReadOnlyList<string> Selection);
