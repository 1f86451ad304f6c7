namespace EvidenceKit.Core.Abstractions;

/// <summary>
/// Where bundles are written: a directory on a removable drive or a network store. Paths are relative
/// to the store's root and always use '/' as separator. A store never writes outside its root: it follows no link
/// on any path (a link or special file where a directory or file is expected is refused with
/// <see cref="UnsafeTargetEntryException"/>), and creating a file replaces the entry, never writes through it.
/// </summary>
public interface ITargetStore : IDisposable
{
    /// <summary>A directory on a mounted file system, or an SFTP server.</summary>
    TargetKind Kind { get; }

    /// <summary>Where the store's root is, for people: "/media/usb/evidence" or "sftp://ir@host:22/evidence".</summary>
    string Location { get; }

    /// <summary>Free space, file system and per-file limits, where the store can tell.</summary>
    TargetSpace GetSpace();

    /// <summary>True when a file or directory exists at <paramref name="path"/>.</summary>
    bool Exists(string path);

    /// <summary>Creates a directory and any missing parents.</summary>
    void CreateDirectory(string path);

    /// <summary>Creates a new file for writing; an entry already there (file or link) is unlinked first, never written through.</summary>
    Stream Create(string path);

    /// <summary>Opens a file for appending, creating it when missing.</summary>
    Stream OpenAppend(string path);

    /// <summary>Opens a regular file for reading (never a link, FIFO or device).</summary>
    Stream OpenRead(string path);

    /// <summary>Length of a regular file in bytes, or null when nothing is there; a link or special file is refused.</summary>
    long? GetLength(string path);

    /// <summary>Makes what was written to <paramref name="stream"/> durable (fsync where the store allows).</summary>
    void Flush(Stream stream);

    /// <summary>Hints that the next read of <paramref name="path"/> should come from the device, not a cache.</summary>
    void DropCache(string path);

    /// <summary>Renames a file or directory; fails when <paramref name="to"/> exists.</summary>
    void Move(string from, string to);

    /// <summary>Replaces <paramref name="to"/> with <paramref name="from"/> in one atomic rename.</summary>
    void Replace(string from, string to);

    /// <summary>Deletes the entry at <paramref name="path"/> itself (a file, or a link, never what it points to); nothing when absent.</summary>
    void DeleteFile(string path);

    /// <summary>Deletes an empty directory; nothing when absent.</summary>
    void DeleteDirectory(string path);

    /// <summary>Makes the entries of a directory (creations, renames, deletions) durable, where the store allows.</summary>
    void FlushDirectory(string path);

    /// <summary>Entries of a directory with their kind as stored (a link is reported as a link); empty when it does not exist.</summary>
    IReadOnlyList<TargetEntry> ListEntries(string directory);

    /// <summary>Names (not paths) of the entries of a directory; empty when it does not exist.</summary>
    IReadOnlyList<string> List(string directory);
}
