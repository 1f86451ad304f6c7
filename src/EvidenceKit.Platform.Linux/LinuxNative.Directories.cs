using System.Runtime.InteropServices;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// The *at() calls the bundle writer walks a target with: every path is resolved one component at a time from a
/// directory handle, so no link on the way is ever followed. Names are passed as raw NUL-terminated bytes.
/// </summary>
internal static partial class LinuxNative
{
    public const int O_WRONLY = 0x1;
    public const int O_RDWR = 0x2;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_APPEND = 0x400;
    public const int O_DIRECTORY = 0x10000;
    public const int AT_REMOVEDIR = 0x200;
    public const uint RENAME_NOREPLACE = 1;
    public const int EEXIST = 17;
    public const int ENOTEMPTY = 39;
    public const ushort S_IFMT = 0xF000;
    public const ushort S_IFREG = 0x8000;
    public const ushort S_IFDIR = 0x4000;
    public const ushort S_IFLNK = 0xA000;

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAtDir(int dirfd, byte[] name, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true)]
    public static partial int MkdirAt(int dirfd, byte[] name, int mode);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    public static partial int UnlinkAt(int dirfd, byte[] name, int flags);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    public static partial int RenameAt2(int olddirfd, byte[] oldname, int newdirfd, byte[] newname, uint flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    public static partial int StatxAt(int dirfd, byte[] name, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    public static partial int DupFd(int fd);


}
