using System.IO.Abstractions;

namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>Reads one program's configuration to find where it really writes its logs.</summary>
public interface ILogDiscoverer
{
    /// <summary>The dialect name used in a target's <c>discover:</c> key.</summary>
    string Kind { get; }

    /// <summary>
    /// Reads the configuration under <paramref name="root"/> ("/" for the live host). Never throws for bad
    /// configuration, never reads outside <paramref name="root"/>, never loops: problems become warnings.
    /// </summary>
    DiscoveryResult Discover(IFileSystem fileSystem, string root);
}
