namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>One collected file: where it came from, where it is in the bag, its hashes and metadata.</summary>
public sealed record FileRecord
{
    /// <summary>Evidence id, E000001 onwards.</summary>
    public required string Id { get; init; }

    /// <summary>Path inside the bag, "data/..." with '/' separators.</summary>
    public required string BagPath { get; init; }

    /// <summary>The path on the source system (as the host sees it, without --root).</summary>
    public required string SourcePath { get; init; }

    /// <summary>Raw bytes of the source path, base64, when they are not valid UTF-8.</summary>
    public string? SourcePathBase64 { get; init; }

    /// <summary>Bytes collected.</summary>
    public required long Size { get; init; }

    /// <summary>SHA-256 of the bytes as read from the source (lower-case hex).</summary>
    public required string Sha256 { get; init; }

    /// <summary>SHA-256 of the copy, re-read from the target (prosecution).</summary>
    public string? VerifiedCopySha256 { get; init; }

    /// <summary>Legacy SHA-1, when asked for.</summary>
    public string? Sha1 { get; init; }

    /// <summary>Legacy MD5, when asked for.</summary>
    public string? Md5 { get; init; }

    /// <summary>SHA-512, when asked for.</summary>
    public string? Sha512 { get; init; }

    /// <summary>Modification time (UTC, full precision).</summary>
    public string? Mtime { get; init; }

    /// <summary>Status change time (UTC).</summary>
    public string? Ctime { get; init; }

    /// <summary>Access time (UTC) before collection.</summary>
    public string? Atime { get; init; }

    /// <summary>Birth time (UTC), when the kernel reports it.</summary>
    public string? Birthtime { get; init; }

    /// <summary>st_mode as octal text, e.g. "100640".</summary>
    public string? Mode { get; init; }

    /// <summary>Owner user id.</summary>
    public uint? Uid { get; init; }

    /// <summary>Owner user name.</summary>
    public string? User { get; init; }

    /// <summary>Owner group id.</summary>
    public uint? Gid { get; init; }

    /// <summary>Owner group name.</summary>
    public string? Group { get; init; }

    /// <summary>Inode number.</summary>
    public ulong? Inode { get; init; }

    /// <summary>Device id.</summary>
    public ulong? Device { get; init; }

    /// <summary>Hard link count.</summary>
    public ulong? Links { get; init; }

    /// <summary>"regular" and so on.</summary>
    public string? FileType { get; init; }

    /// <summary>Whether the source was read without changing its access time.</summary>
    public bool? AtimePreserved { get; init; }

    /// <summary>The profile target that named this file.</summary>
    public string? Target { get; init; }

    /// <summary>Where discovery found this path: "config-file:line".</summary>
    public string? DiscoveredFrom { get; init; }

    /// <summary>When a file was split (FAT32), the bag paths of its parts in order; their concatenation is the file.</summary>
    public IReadOnlyList<string>? Parts { get; init; }

    /// <summary>Notes such as "grew-during-copy".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
