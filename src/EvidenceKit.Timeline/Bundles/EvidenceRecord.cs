namespace EvidenceKit.Timeline.Bundles;

/// <summary>What the manifest says about one collected file: identity, provenance and file-system metadata (for the bodyfile).</summary>
internal sealed record EvidenceRecord
{
    public required string EvidenceId { get; init; }

    public required string BagPath { get; init; }

    public required string SourcePath { get; init; }

    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    public string? Md5 { get; init; }

    public DateTimeOffset? Mtime { get; init; }

    public DateTimeOffset? Atime { get; init; }

    public DateTimeOffset? Ctime { get; init; }

    public DateTimeOffset? Birthtime { get; init; }

    /// <summary>st_mode as octal text, e.g. "100640".</summary>
    public string? Mode { get; init; }

    public uint? Uid { get; init; }

    public uint? Gid { get; init; }

    public ulong? Inode { get; init; }

    /// <summary>For a file split on a FAT32 target: the bag paths of its parts, in order.</summary>
    public IReadOnlyList<string>? Parts { get; init; }
}
