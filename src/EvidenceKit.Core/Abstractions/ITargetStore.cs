namespace EvidenceKit.Core.Abstractions;

/// <summary>
/// Where bundles are written: a directory on a removable drive or a network store. Paths are relative
/// to the store's root and always use '/' as separator. A store never writes outside its root.
/// </summary>
public interface ITargetStore : IDisposable
{
    /// <summary>"directory" or "sftp".</summary>
    string Kind { get; }

    /// <summary>Where the store's root is, for people: "/media/usb/evidence" or "sftp://ir@host:22/evidence".</summary>
    string Location { get; }

    /// <summary>Free space, file system and per-file limits, where the store can tell.</summary>
    TargetSpace GetSpace();

    /// <summary>True when a file or directory exists at <paramref name="path"/>.</summary>
    bool Exists(string path);

    /// <summary>Creates a directory and any missing parents.</summary>
    void CreateDirectory(string path);

    /// <summary>Creates (or truncates) a file for writing.</summary>
    Stream Create(string path);

    /// <summary>Opens a file for appending, creating it when missing.</summary>
    Stream OpenAppend(string path);

    /// <summary>Opens a file for reading.</summary>
    Stream OpenRead(string path);

    /// <summary>Length of a file in bytes, or null when it does not exist.</summary>
    long? GetLength(string path);

    /// <summary>Makes what was written to <paramref name="stream"/> durable (fsync where the store allows).</summary>
    void Flush(Stream stream);

    /// <summary>Hints that the next read of <paramref name="path"/> should come from the device, not a cache.</summary>
    void DropCache(string path);

    /// <summary>Renames a file or directory; fails when <paramref name="to"/> exists.</summary>
    void Move(string from, string to);

    /// <summary>Deletes a file (never a directory).</summary>
    void DeleteFile(string path);

    /// <summary>Names (not paths) of the entries of a directory; empty when it does not exist.</summary>
    IReadOnlyList<string> List(string directory);
}
