using System.ComponentModel;
using System.Runtime.InteropServices;
using EvidenceKit.Core.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Core.Platform;

/// <summary>
/// Source access on Linux: statx for full metadata (birth time, nanoseconds) and open(2) with O_NOATIME so
/// reading evidence does not change its access time. O_NOATIME is only allowed to the file's owner or root;
/// when the kernel refuses it we open normally and say so.
/// </summary>
public sealed class LinuxSourceFiles : ISourceFiles
{
    /// <summary>True on Linux, where this implementation works.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <inheritdoc />
    public SourceFileInfo? Stat(string path)
    {
        if (LinuxNative.Statx(LinuxNative.AT_FDCWD, path, LinuxNative.AT_SYMLINK_NOFOLLOW,
                LinuxNative.STATX_BASIC_STATS | LinuxNative.STATX_BTIME, out var buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is LinuxNative.ENOENT or 20 /* ENOTDIR */)
            {
                return null;
            }
            throw ToException(errno, path);
        }
        var info = ToInfo(buffer);
        if (info.Kind == FileKind.Symlink)
        {
            info = info with { LinkTarget = TryReadLink(path) };
        }
        return info;
    }

    /// <inheritdoc />
    public SourceStream OpenRead(string path)
    {
        // O_NONBLOCK: if a FIFO was swapped in after planning, open must not block; O_NOFOLLOW: never follow a
        // link that replaced the file.
        const int baseFlags = LinuxNative.O_RDONLY | LinuxNative.O_CLOEXEC | LinuxNative.O_NOFOLLOW | LinuxNative.O_NONBLOCK;
        var atimePreserved = true;
        var fd = LinuxNative.Open(path, baseFlags | LinuxNative.O_NOATIME);
        if (fd < 0 && Marshal.GetLastPInvokeError() == LinuxNative.EPERM)
        {
            atimePreserved = false;
            fd = LinuxNative.Open(path, baseFlags);
        }
        if (fd < 0)
        {
            throw ToException(Marshal.GetLastPInvokeError(), path);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (LinuxNative.Statx(fd, string.Empty, LinuxNative.AT_EMPTY_PATH,
                    LinuxNative.STATX_BASIC_STATS | LinuxNative.STATX_BTIME, out var buffer) != 0)
            {
                throw ToException(Marshal.GetLastPInvokeError(), path);
            }
            var info = ToInfo(buffer);
            if (info.Kind != FileKind.Regular)
            {
                throw new SourceFileException(path, $"not a regular file ({FileKinds.Describe(info.Kind)})", SourceFault.NotRegular);
            }
            // Clear only O_NONBLOCK for ordinary blocking reads; F_SETFL with 0 would also clear O_NOATIME.
            var flags = LinuxNative.Fcntl(fd, LinuxNative.F_GETFL, 0);
            if (flags >= 0)
            {
                _ = LinuxNative.Fcntl(fd, LinuxNative.F_SETFL, flags & ~LinuxNative.O_NONBLOCK);
            }
            var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            return new SourceStream(stream, atimePreserved, info);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static string? TryReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static SourceFileInfo ToInfo(in LinuxNative.StatxBuffer b)
    {
        var hasBirth = (b.Mask & LinuxNative.STATX_BTIME) != 0 && b.Btime.Seconds != 0;
        return new SourceFileInfo
        {
            Kind = FileKinds.FromMode(b.Mode),
            Size = (long)b.Size,
            ModifiedUtc = ToTime(b.Mtime),
            ChangedUtc = ToTime(b.Ctime),
            AccessedUtc = ToTime(b.Atime),
            BirthUtc = hasBirth ? ToTime(b.Btime) : null,
            Nanos = new FileTimeNanos(b.Mtime.Nanoseconds, b.Ctime.Nanoseconds, b.Atime.Nanoseconds,
                hasBirth ? b.Btime.Nanoseconds : null),
            Mode = b.Mode,
            Uid = b.Uid,
            Gid = b.Gid,
            Inode = b.Inode,
            Device = LinuxNative.MakeDev(b.DevMajor, b.DevMinor),
            Links = b.Links,
        };
    }

    private static DateTimeOffset ToTime(LinuxNative.StatxTimestamp t) =>
        DateTimeOffset.FromUnixTimeSeconds(t.Seconds).AddTicks(t.Nanoseconds / 100);

    private static SourceFileException ToException(int errno, string path) => errno switch
    {
        LinuxNative.ENOENT => new SourceFileException(path, "vanished before it could be read", SourceFault.Vanished),
        LinuxNative.EACCES or LinuxNative.EPERM => new SourceFileException(path, "permission denied", SourceFault.PermissionDenied),
        LinuxNative.ELOOP => new SourceFileException(path, "became a symbolic link before it could be read", SourceFault.NotRegular),
        _ => new SourceFileException(path, new Win32Exception(errno).Message, SourceFault.IoError),
    };
}
