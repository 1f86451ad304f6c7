using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Platform;

/// <summary>What a directory store's mount says about itself: free space, file system, the FAT file-size limit and case sensitivity.</summary>
public static class MountedSpace
{
    private const long Fat32MaxFile = 4L * 1024 * 1024 * 1024 - 1;

    /// <summary>The space of the mount holding <paramref name="root"/>; unknown fields are null.</summary>
    public static TargetSpace Of(IFileSystem fileSystem, string root)
    {
        try
        {
            var drive = fileSystem.DriveInfo.New(root);
            var format = drive.DriveFormat;
            var fat = format is "vfat" or "msdos" or "fat" or "FAT32" or "FAT";
            var caseInsensitive = fat || format is "exfat" or "ntfs" or "ntfs3" or "fuseblk" or "NTFS" or "exFAT";
            return new TargetSpace(drive.AvailableFreeSpace, format, fat ? Fat32MaxFile : null, caseInsensitive ? false : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            return new TargetSpace(null, null, null, null);
        }
    }

    /// <summary>Flushes <paramref name="stream"/> to the device when it is a file stream, else to its underlying store.</summary>
    public static void FlushToDisk(Stream stream)
    {
        switch (stream)
        {
            case FileSystemStream fss:
                fss.Flush(flushToDisk: true);
                break;
            case FileStream fs:
                fs.Flush(flushToDisk: true);
                break;
            default:
                stream.Flush();
                break;
        }
    }
}
