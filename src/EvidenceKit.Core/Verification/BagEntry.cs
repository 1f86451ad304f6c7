namespace EvidenceKit.Core.Verification;

/// <summary>
/// One entry found in the bag: its bag path ('/' separated), kind, length (regular files), link target, and the
/// device and inode it had when listed (0 where the platform has none), so a later open can prove it is the same file.
/// </summary>
/// <param name="BagPath">The path inside the bag, '/' separated.</param>
/// <param name="Kind">What the entry is (links are not followed).</param>
/// <param name="Length">The length of a regular file, else 0.</param>
/// <param name="LinkTarget">A link's target, or what a special file is, in words.</param>
/// <param name="Device">The device it was listed on.</param>
/// <param name="Inode">The inode it was listed with.</param>
public sealed record BagEntry(string BagPath, BagEntryKind Kind, long Length, string? LinkTarget, ulong Device = 0, ulong Inode = 0)
{
    /// <summary>What the entry is, in words for a finding.</summary>
    public string Describe() => Kind switch
    {
        BagEntryKind.RegularFile => "a regular file",
        BagEntryKind.Directory => "a directory",
        BagEntryKind.SymbolicLink => $"a symbolic link to {CheckList.Show(LinkTarget ?? "")} (not followed)",
        BagEntryKind.BadName => "a name that is not valid UTF-8 (not opened)",
        _ => $"{LinkTarget ?? "a FIFO, socket or device"} (not opened)",
    };
}
