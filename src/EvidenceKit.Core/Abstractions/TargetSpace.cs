namespace EvidenceKit.Core.Abstractions;

/// <summary>What a target store can tell about its capacity and its file system.</summary>
/// <param name="FreeBytes">Bytes available to us, or null when unknown.</param>
/// <param name="FileSystem">File system type, e.g. "ext4", "vfat", "exfat", or null when unknown.</param>
/// <param name="MaxFileSize">Largest single file the file system takes (4 GiB - 1 on FAT32), or null.</param>
/// <param name="CaseSensitive">False when names differing only in case collide, null when unknown.</param>
public sealed record TargetSpace(long? FreeBytes, string? FileSystem, long? MaxFileSize, bool? CaseSensitive);
