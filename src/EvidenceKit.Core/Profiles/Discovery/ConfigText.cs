namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>A configuration file's text and its resolved host path.</summary>
internal sealed record ConfigText(string HostPath, string Text);
