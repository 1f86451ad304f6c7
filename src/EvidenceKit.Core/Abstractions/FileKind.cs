namespace EvidenceKit.Core.Abstractions;

/// <summary>The type of a file system entry.</summary>
public enum FileKind
{
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A symbolic link.</summary>
    Symlink,
    /// <summary>A named pipe; never opened (opening would block).</summary>
    Fifo,
    /// <summary>A Unix domain socket.</summary>
    Socket,
    /// <summary>A character device.</summary>
    CharacterDevice,
    /// <summary>A block device.</summary>
    BlockDevice,
    /// <summary>Anything else.</summary>
    Other,
}
