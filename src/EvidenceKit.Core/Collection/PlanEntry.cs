namespace EvidenceKit.Core.Collection;

/// <summary>
/// One planned file in 48 bytes: where its host path lies in the plan's <see cref="PathPool"/>, which target and
/// discovery line named it (indices into the plan's short lists), and the metadata the copy compares against when it
/// opens the file (size, modification time, inode and device at planning; the device as an index into the plan's
/// list of devices, since a plan meets few).
/// </summary>
internal struct PlanEntry
{
    public long PathStart;
    public long Size;
    public long ModifiedTicks;
    public ulong Inode;

    /// <summary>Bytes of the host path in the pool.</summary>
    public int PathLength;
    public int Target;

    /// <summary>Index into the plan's discovery lines; -1 when the path did not come from discovery.</summary>
    public int DiscoveredFrom;

    /// <summary>Bit 0: the file has an inode; the bits above it: 1 + the index of its device, or 0 when it has none.</summary>
    public int DeviceAndFlags;
}
