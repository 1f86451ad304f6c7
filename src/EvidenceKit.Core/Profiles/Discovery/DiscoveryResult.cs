namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>What discovery found: log paths, the configuration files read (collected as evidence), and problems.</summary>
/// <param name="Logs">Log paths found.</param>
/// <param name="ConfigFiles">Configuration files read, as the host sees them.</param>
/// <param name="Warnings">Problems met (include loops, files too large, paths outside the root).</param>
public sealed record DiscoveryResult(
    IReadOnlyList<DiscoveredLog> Logs,
    IReadOnlyList<string> ConfigFiles,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Nothing found.</summary>
    public static DiscoveryResult Empty { get; } = new([], [], []);
}
