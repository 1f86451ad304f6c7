namespace EvidenceKit.Core.Profiles;

/// <summary>One line of "profiles list": a system profile and what it collects.</summary>
/// <param name="Name">The system profile name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Categories">Categories of its resolved targets, in YAML spelling ("web-server"), each once, in enum order.</param>
/// <param name="Source">"embedded:profiles/systems/x.yaml", or the file's path when it came from --profiles DIR.</param>
public sealed record ProfileSummary(string Name, string Description, IReadOnlyList<string> Categories, string Source);
