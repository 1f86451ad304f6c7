namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>A log path found in a program's own configuration.</summary>
/// <param name="HostPath">The absolute path as the host sees it (not under --root); may be a glob.</param>
/// <param name="ConfigFile">The configuration file (as the host sees it) that names the path.</param>
/// <param name="Line">1-based line in <paramref name="ConfigFile"/>.</param>
public sealed record DiscoveredLog(string HostPath, string ConfigFile, int Line);
