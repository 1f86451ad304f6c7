using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Abstractions;

/// <summary>Reads the identity of the machine being collected from.</summary>
public interface IHostInfo
{
    /// <summary>Hostname, machine id, OS, kernel, addresses, boot time and time zone, as far as they can be read.</summary>
    HostRecord Read();
}
