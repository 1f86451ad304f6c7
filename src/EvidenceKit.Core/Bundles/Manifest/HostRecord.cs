namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>Identity of the machine collected from. Values that could not be read are null.</summary>
public sealed record HostRecord
{
    /// <summary>Short host name.</summary>
    public required string Hostname { get; init; }

    /// <summary>Fully qualified domain name.</summary>
    public string? Fqdn { get; init; }

    /// <summary>Content of /etc/machine-id.</summary>
    public string? MachineId { get; init; }

    /// <summary>Operating system, e.g. PRETTY_NAME from os-release.</summary>
    public string? Os { get; init; }

    /// <summary>Full os-release key/value pairs.</summary>
    public IReadOnlyDictionary<string, string>? OsRelease { get; init; }

    /// <summary>Kernel release and version.</summary>
    public string? Kernel { get; init; }

    /// <summary>IP addresses of the host's interfaces.</summary>
    public IReadOnlyList<string> IpAddresses { get; init; } = [];

    /// <summary>MAC addresses of the host's interfaces.</summary>
    public IReadOnlyList<string> MacAddresses { get; init; } = [];

    /// <summary>Boot time (UTC).</summary>
    public string? BootTime { get; init; }

    /// <summary>The host's time zone id.</summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// Fields that could not be read from the collected system, by field name ("machineId", "osRelease"), with the
    /// reason (a FIFO, a device, a link out of the root, too large). The content of such a file is never recorded.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Unavailable { get; init; }

    /// <summary>True when collected through --root (a mounted image): host values then describe the collecting machine.</summary>
    public bool? FromRoot { get; init; }

    /// <summary>The host clock's offset from a reference clock, when the collector was given one (--clock-offset).</summary>
    public ClockOffsetRecord? ClockOffset { get; init; }
}
