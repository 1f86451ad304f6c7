namespace EvidenceKit.Core.Collection;

/// <summary>
/// One planned file in fixed size: where its host path lies in the plan's <see cref="PathPool"/>, which target and
/// discovery line named it (indices into the plan's short lists), and the metadata the copy compares against when it
/// opens the file (size, modification time, inode and device at planning).
/// </summary>
internal struct PlanEntry
{
    public long PathStart;
    public int PathLength;
    public int Target;

    /// <summary>Index into the plan's discovery lines; -1 when the path did not come from discovery.</summary>
    public int DiscoveredFrom;
    public long Size;
    public long ModifiedTicks;
    public ulong Inode;
    public ulong Device;
    public bool HasInode;
    public bool HasDevice;
}
