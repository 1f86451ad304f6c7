using System.Runtime.InteropServices;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// Calls for confined source reads: openat2 (RESOLVE_IN_ROOT), openat/statx/readlinkat on byte paths (names are
/// bytes, never marshalled as UTF-8 text), and getdents64 to list a directory through its own handle.
/// </summary>
internal static partial class LinuxNative
{
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int ENOSYS = 38;
    public const int ENAMETOOLONG = 36;
    public const int EAGAIN = 11;
    public const int EXDEV = 18;
    public const int E2BIG = 7;
    public const int EINVAL = 22;
    public const int O_PATH = 0x200000;
    public const ulong RESOLVE_NO_MAGICLINKS = 0x02;
    public const ulong RESOLVE_IN_ROOT = 0x10;
    public const ulong RESOLVE_NO_SYMLINKS = 0x04;
    public const ulong RESOLVE_BENEATH = 0x08;
    public const byte DT_UNKNOWN = 0;
    public const byte DT_FIFO = 1;
    public const byte DT_CHR = 2;
    public const byte DT_DIR = 4;
    public const byte DT_BLK = 6;
    public const byte DT_REG = 8;
    public const byte DT_LNK = 10;
    public const byte DT_SOCK = 12;

    /// <summary>openat2 is number 437 on every architecture (it came after the syscall tables were unified).</summary>
    private const long SYS_openat2 = 437;

    /// <summary>O_DIRECTORY and O_NOFOLLOW differ on ARM from x86 and most other ports.</summary>
    private static readonly bool ArmFlags =
        RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64;

    /// <summary>O_DIRECTORY for this architecture.</summary>
    public static int SourceODirectory => ArmFlags ? 0x4000 : 0x10000;

    /// <summary>O_NOFOLLOW for this architecture.</summary>
    public static int SourceONoFollow => ArmFlags ? 0x8000 : 0x20000;

    [StructLayout(LayoutKind.Sequential)]
    public struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static unsafe partial long SyscallOpenAt2(long number, int dirfd, byte* path, OpenHow* how, nuint size);

    /// <summary>openat2(2); <paramref name="path"/> is NUL-terminated bytes.</summary>
    public static unsafe int OpenAt2(int dirfd, ReadOnlySpan<byte> path, ulong flags, ulong resolve, ulong mode = 0)
    {
        var how = new OpenHow { Flags = flags, Mode = mode, Resolve = resolve };
        fixed (byte* p = path)
        {
            return (int)SyscallOpenAt2(SYS_openat2, dirfd, p, &how, (nuint)sizeof(OpenHow));
        }
    }

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    private static unsafe partial int OpenAtRawNative(int dirfd, byte* path, int flags);

    /// <summary>openat(2) on a NUL-terminated byte name.</summary>
    public static unsafe int OpenAtRaw(int dirfd, ReadOnlySpan<byte> path, int flags)
    {
        fixed (byte* p = path)
        {
            return OpenAtRawNative(dirfd, p, flags);
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static unsafe partial int StatxRawNative(int dirfd, byte* path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>statx(2) on a NUL-terminated byte path relative to <paramref name="dirfd"/>.</summary>
    public static unsafe int StatxRaw(int dirfd, ReadOnlySpan<byte> path, int flags, uint mask, out StatxBuffer buffer)
    {
        fixed (byte* p = path)
        {
            return StatxRawNative(dirfd, p, flags, mask, out buffer);
        }
    }

    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true)]
    private static unsafe partial nint ReadLinkAtRawNative(int dirfd, byte* path, byte* buffer, nuint size);

    /// <summary>readlinkat(2): the link's bytes, or -1 with errno.</summary>
    public static unsafe int ReadLinkAtRaw(int dirfd, ReadOnlySpan<byte> path, Span<byte> buffer)
    {
        fixed (byte* p = path)
        fixed (byte* b = buffer)
        {
            return (int)ReadLinkAtRawNative(dirfd, p, b, (nuint)buffer.Length);
        }
    }

    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    private static unsafe partial nint GetDents64Native(int fd, byte* buffer, nuint size);

    /// <summary>getdents64(2): fills <paramref name="buffer"/> with linux_dirent64 records; 0 at the end, -1 on error.</summary>
    public static unsafe int GetDents64(int fd, Span<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            return (int)GetDents64Native(fd, b, (nuint)buffer.Length);
        }
    }

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadNative(int fd, byte* buffer, nuint size);

    /// <summary>read(2) into <paramref name="buffer"/>.</summary>
    public static unsafe int ReadRaw(int fd, Span<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            return (int)ReadNative(fd, b, (nuint)buffer.Length);
        }
    }
}
