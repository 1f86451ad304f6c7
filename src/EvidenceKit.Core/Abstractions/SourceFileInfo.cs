namespace EvidenceKit.Core.Abstractions;

/// <summary>Metadata of one source file, as complete as the OS can give it. Times are UTC.</summary>
public sealed record SourceFileInfo
{
    /// <summary>What kind of file this is.</summary>
    public required FileKind Kind { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>Last modification.</summary>
    public required DateTimeOffset ModifiedUtc { get; init; }

    /// <summary>Last status change (Unix ctime), when known.</summary>
    public DateTimeOffset? ChangedUtc { get; init; }

    /// <summary>Last access, when known.</summary>
    public DateTimeOffset? AccessedUtc { get; init; }

    /// <summary>Creation (birth) time, when the kernel and file system report it.</summary>
    public DateTimeOffset? BirthUtc { get; init; }

    /// <summary>Nanoseconds past the second of each time, for full precision (null when the OS only gives ticks).</summary>
    public FileTimeNanos? Nanos { get; init; }

    /// <summary>Permission bits and type as in st_mode, when known.</summary>
    public uint? Mode { get; init; }

    /// <summary>Owner user id.</summary>
    public uint? Uid { get; init; }

    /// <summary>Owner group id.</summary>
    public uint? Gid { get; init; }

    /// <summary>Inode number.</summary>
    public ulong? Inode { get; init; }

    /// <summary>Device id of the file system holding the file.</summary>
    public ulong? Device { get; init; }

    /// <summary>Hard link count.</summary>
    public ulong? Links { get; init; }

    /// <summary>Target of a symbolic link, as stored in the link.</summary>
    public string? LinkTarget { get; init; }
}
