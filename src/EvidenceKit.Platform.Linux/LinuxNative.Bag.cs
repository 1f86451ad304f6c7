using System.Runtime.InteropServices;

namespace EvidenceKit.Platform.Linux;

/// <summary>The calls the bag snapshot reads a bundle with: openat relative to a directory handle, and getdents64.</summary>
internal static partial class LinuxNative
{
    public const int O_NOCTTY = 0x100;

    /// <summary>openat(2): <paramref name="name"/> is one path component, resolved against <paramref name="dirfd"/>.</summary>
    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int BagOpenAt(int dirfd, string name, int flags);

    /// <summary>openat(2) with a name given as raw bytes (a NUL-terminated file name exactly as getdents64 returned it).</summary>
    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static unsafe partial int BagOpenAtBytes(int dirfd, byte* name, int flags);

    /// <summary>readlink(2) relative to a directory handle.</summary>
    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true)]
    public static unsafe partial nint BagReadLinkAt(int dirfd, byte* name, byte* buffer, nuint size);

    /// <summary>openat(2) with a NUL-terminated name given as bytes.</summary>
    public static unsafe int BagOpenAtSpan(int dirfd, ReadOnlySpan<byte> name, int flags)
    {
        fixed (byte* path = name)
        {
            return BagOpenAtBytes(dirfd, path, flags);
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static unsafe partial int BagStatxNative(int dirfd, byte* path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>statx(2) of an open handle (AT_EMPTY_PATH), the basic fields.</summary>
    public static unsafe int BagStatxFd(int fd, out StatxBuffer buffer)
    {
        byte empty = 0;
        return BagStatxNative(fd, &empty, AT_EMPTY_PATH, STATX_BASIC_STATS, out buffer);
    }
}
