using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>Reads one program's configuration to find where it really writes its logs.</summary>
public interface ILogDiscoverer
{
    /// <summary>The dialect name used in a target's <c>discover:</c> key.</summary>
    string Kind { get; }

    /// <summary>
    /// Reads the configuration through <paramref name="source"/>, the port confined to the collected root. Never
    /// throws for bad configuration, never reads outside the root or anything but regular files, never loops,
    /// never reads without bound: problems become warnings.
    /// </summary>
    DiscoveryResult Discover(ISourceFiles source);
}
