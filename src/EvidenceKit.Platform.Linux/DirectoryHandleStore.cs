using System.Runtime.InteropServices;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Text;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// The bundle writer on Linux: the store's root is opened once, and every path below it is walked one component at a
/// time with openat(O_NOFOLLOW | O_DIRECTORY) from that handle. A new file is created with one openat2 from the root that
/// follows no link and leaves no way out of it (RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) and O_CREAT | O_EXCL; when an
/// entry is in the way, it is unlinked and the file created again (so a planted link or hard link is replaced, never
/// written through). A new file's stream is a <see cref="DescriptorStream"/> (write(2), nothing else). Entries are renamed with renameat2,
/// deleted with unlinkat on the entry itself, and read only when the handle is a regular file.
/// </summary>
internal sealed class DirectoryHandleStore : IDisposable
{
    private const int DirFlags = LinuxNative.O_RDONLY | LinuxNative.O_DIRECTORY | LinuxNative.O_NOFOLLOW | LinuxNative.O_CLOEXEC;
    private const int CreateAttempts = 4;
    private readonly SafeFileHandle _root;
    private volatile bool _openat2 = true;

    /// <summary>Opens <paramref name="root"/> (the user's choice of target; it may itself be reached through a link).</summary>
    public DirectoryHandleStore(string root)
    {
        var fd = LinuxNative.Open(root, LinuxNative.O_RDONLY | LinuxNative.O_DIRECTORY | LinuxNative.O_CLOEXEC);
        if (fd < 0)
        {
            throw Error(root, Marshal.GetLastPInvokeError());
        }
        _root = new SafeFileHandle(fd, ownsHandle: true);
    }

    public static bool IsSupported => OperatingSystem.IsLinux();

    public bool Exists(string path)
    {
        using var parent = Parent(path, create: false, out var leaf);
        return parent is not null && (leaf is null || StatEntry(parent, leaf, path) is not null);
    }

    public void CreateDirectory(string path) => Walk(path, Split(path).Count, create: true)?.Dispose();

    public Stream Create(string path)
    {
        if (CreateBeneath(path) is { } created)
        {
            return created;
        }
        using var parent = Parent(path, create: false, out var leaf) ?? throw new DirectoryNotFoundException($"{path}: its directory does not exist.");
        var name = Leaf(path, leaf);
        for (var attempt = 0; attempt < CreateAttempts; attempt++)
        {
            Unlink(parent, name, path, 0);
            var fd = LinuxNative.OpenAtDir(Fd(parent), name, LinuxNative.O_RDWR | LinuxNative.O_CREAT | LinuxNative.O_EXCL
                | LinuxNative.O_NOFOLLOW | LinuxNative.O_CLOEXEC, 0x1a4);
            if (fd >= 0)
            {
                return new DescriptorStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write);
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno != LinuxNative.EEXIST)
            {
                throw Error(path, errno);
            }
        }
        throw new IOException($"{path}: something keeps creating this entry while the bundle is written.");
    }

    /// <summary>
    /// Creates a new file in one call: openat2 from the root with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS makes the kernel
    /// walk the path refusing every link and every way out of the root, and O_CREAT | O_EXCL refuses any entry already
    /// there. Null when that did not create it (an entry in the way, a missing or unsafe directory, no openat2): the
    /// component walk then decides, with its own checks and messages.
    /// </summary>
    private DescriptorStream? CreateBeneath(string path)
    {
        if (!_openat2)
        {
            return null;
        }
        var name = RawNames.ToBytesTerminated(string.Join('/', Split(path)));
        var fd = LinuxNative.OpenAt2(Fd(_root), name, (ulong)(LinuxNative.O_RDWR | LinuxNative.O_CREAT | LinuxNative.O_EXCL
            | LinuxNative.O_NOFOLLOW | LinuxNative.O_CLOEXEC), LinuxNative.RESOLVE_BENEATH | LinuxNative.RESOLVE_NO_SYMLINKS
            | LinuxNative.RESOLVE_NO_MAGICLINKS, mode: 0x1a4);
        if (fd >= 0)
        {
            return new DescriptorStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write);
        }
        if (Marshal.GetLastPInvokeError() == LinuxNative.ENOSYS)
        {
            _openat2 = false;
        }
        return null;
    }

    public Stream OpenAppend(string path)
    {
        using var parent = Parent(path, create: false, out var leaf) ?? throw new DirectoryNotFoundException($"{path}: its directory does not exist.");
        var name = Leaf(path, leaf);
        if (StatEntry(parent, name, path) is { } info)
        {
            RequireRegular(info, path, allowHardLinks: false);
        }
        var fd = LinuxNative.OpenAtDir(Fd(parent), name, LinuxNative.O_WRONLY | LinuxNative.O_APPEND | LinuxNative.O_CREAT
            | LinuxNative.O_NOFOLLOW | LinuxNative.O_NONBLOCK | LinuxNative.O_CLOEXEC, 0x1a4);
        var handle = Opened(fd, path);
        var stream = new FileStream(handle, FileAccess.Write, 1);
        stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    public Stream OpenRead(string path)
    {
        using var parent = Parent(path, create: false, out var leaf) ?? throw new FileNotFoundException($"{path} does not exist.", path);
        var name = Leaf(path, leaf);
        // Looked at before it is opened: opening a device node or a FIFO can block or have effects of its own.
        if (StatEntry(parent, name, path) is not { } info)
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }
        RequireRegular(info, path, allowHardLinks: true);
        var fd = LinuxNative.OpenAtDir(Fd(parent), name, LinuxNative.O_RDONLY | LinuxNative.O_NOFOLLOW | LinuxNative.O_NONBLOCK | LinuxNative.O_CLOEXEC, 0);
        return new FileStream(Opened(fd, path, allowHardLinks: true), FileAccess.Read, 1);
    }

    public long? GetLength(string path)
    {
        using var parent = Parent(path, create: false, out var leaf);
        if (parent is null || StatEntry(parent, Leaf(path, leaf), path) is not { } info)
        {
            return null;
        }
        return (info.Mode & LinuxNative.S_IFMT) switch
        {
            LinuxNative.S_IFDIR => null,
            LinuxNative.S_IFREG => (long)info.Size,
            _ => throw new UnsafeTargetEntryException(path, $"it is a {FileKinds.Describe(FileKinds.FromMode(info.Mode))}, not a regular file"),
        };
    }

    public void DropCache(string path)
    {
        using var stream = (FileStream)OpenRead(path);
        _ = LinuxNative.PosixFadvise((int)stream.SafeFileHandle.DangerousGetHandle(), 0, 0, LinuxNative.POSIX_FADV_DONTNEED);
    }

    public void Move(string from, string to)
    {
        using var source = Parent(from, create: false, out var fromLeaf) ?? throw new FileNotFoundException($"{from} does not exist.", from);
        using var dest = Parent(to, create: false, out var toLeaf) ?? throw new DirectoryNotFoundException($"{to}: its directory does not exist.");
        var oldName = Leaf(from, fromLeaf);
        var newName = Leaf(to, toLeaf);
        if (LinuxNative.RenameAt2(Fd(source), oldName, Fd(dest), newName, LinuxNative.RENAME_NOREPLACE) == 0)
        {
            return;
        }
        var errno = Marshal.GetLastPInvokeError();
        if (errno is not (LinuxNative.EINVAL or LinuxNative.ENOSYS))
        {
            throw errno == LinuxNative.EEXIST ? new IOException($"Cannot rename to {to}: it already exists.") : Error(from, errno);
        }
        // A file system without RENAME_NOREPLACE (some FUSE and network ones): check, then rename.
        if (StatEntry(dest, newName, to) is not null)
        {
            throw new IOException($"Cannot rename to {to}: it already exists.");
        }
        Rename(source, oldName, dest, newName, from);
    }

    public void Replace(string from, string to)
    {
        using var source = Parent(from, create: false, out var fromLeaf) ?? throw new FileNotFoundException($"{from} does not exist.", from);
        using var dest = Parent(to, create: false, out var toLeaf) ?? throw new DirectoryNotFoundException($"{to}: its directory does not exist.");
        Rename(source, Leaf(from, fromLeaf), dest, Leaf(to, toLeaf), from);
    }

    public void DeleteFile(string path)
    {
        using var parent = Parent(path, create: false, out var leaf);
        if (parent is not null)
        {
            Unlink(parent, Leaf(path, leaf), path, 0);
        }
    }

    public void DeleteDirectory(string path)
    {
        using var parent = Parent(path, create: false, out var leaf);
        if (parent is not null)
        {
            Unlink(parent, Leaf(path, leaf), path, LinuxNative.AT_REMOVEDIR);
        }
    }

    public void FlushDirectory(string path)
    {
        using var dir = Walk(path, Split(path).Count, create: false);
        if (dir is not null && LinuxNative.FSync(Fd(dir)) != 0)
        {
            throw Error(path, Marshal.GetLastPInvokeError());
        }
    }

    public IReadOnlyList<TargetEntry> ListEntries(string directory)
    {
        using var dir = Walk(directory, Split(directory).Count, create: false);
        return dir is null ? [] : DirectoryListing.Read(dir, directory);
    }

    public void Dispose() => _root.Dispose();

    /// <summary>The directory holding the last component of <paramref name="path"/>, or null when a directory on the way is missing.</summary>
    private SafeFileHandle? Parent(string path, bool create, out byte[]? leaf)
    {
        var parts = Split(path);
        leaf = parts.Count == 0 ? null : RawNames.ToBytesTerminated(parts[^1]);
        return Walk(path, Math.Max(0, parts.Count - 1), create);
    }

    private SafeFileHandle? Walk(string path, int depth, bool create)
    {
        var parts = Split(path);
        var current = Dup(_root, path);
        for (var i = 0; i < depth; i++)
        {
            var name = RawNames.ToBytesTerminated(parts[i]);
            var fd = LinuxNative.OpenAtDir(Fd(current), name, DirFlags, 0);
            if (fd < 0 && Marshal.GetLastPInvokeError() == LinuxNative.ENOENT && create)
            {
                if (LinuxNative.MkdirAt(Fd(current), name, 0x1ed) != 0 && Marshal.GetLastPInvokeError() is var e && e != LinuxNative.EEXIST)
                {
                    current.Dispose();
                    throw Error(path, e);
                }
                fd = LinuxNative.OpenAtDir(Fd(current), name, DirFlags, 0);
            }
            var errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            current.Dispose();
            if (fd < 0)
            {
                return errno switch
                {
                    LinuxNative.ENOENT => null,
                    LinuxNative.ELOOP or LinuxNative.ENOTDIR => throw new UnsafeTargetEntryException(path,
                        $"'{string.Join('/', parts.Take(i + 1))}' is a link or not a directory"),
                    _ => throw Error(path, errno),
                };
            }
            current = new SafeFileHandle(fd, ownsHandle: true);
        }
        return current;
    }

    internal static LinuxNative.StatxBuffer? StatEntry(SafeFileHandle dir, byte[] name, string path)
    {
        if (LinuxNative.StatxAt(Fd(dir), name, LinuxNative.AT_SYMLINK_NOFOLLOW, LinuxNative.STATX_BASIC_STATS, out var info) == 0)
        {
            return info;
        }
        var errno = Marshal.GetLastPInvokeError();
        return errno == LinuxNative.ENOENT ? null : throw Error(path, errno);
    }

    private static SafeFileHandle Opened(int fd, string path, bool allowHardLinks = false)
    {
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                LinuxNative.ENOENT => new FileNotFoundException($"{path} does not exist.", path),
                LinuxNative.ELOOP => new UnsafeTargetEntryException(path, "it is a symbolic link"),
                _ => Error(path, errno),
            };
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (LinuxNative.Statx(fd, "", LinuxNative.AT_EMPTY_PATH, LinuxNative.STATX_BASIC_STATS, out var info) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw Error(path, errno);
        }
        try
        {
            RequireRegular(info, path, allowHardLinks);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
        return handle;
    }

    private static void RequireRegular(LinuxNative.StatxBuffer info, string path, bool allowHardLinks)
    {
        if ((info.Mode & LinuxNative.S_IFMT) != LinuxNative.S_IFREG)
        {
            throw new UnsafeTargetEntryException(path, $"it is a {FileKinds.Describe(FileKinds.FromMode(info.Mode))}, not a regular file");
        }
        if (!allowHardLinks && info.Links > 1)
        {
            // Appending to a hard-linked file would change the other name too, which may lie outside the bundle.
            throw new UnsafeTargetEntryException(path, $"it has {info.Links} hard links");
        }
    }

    private static void Unlink(SafeFileHandle dir, byte[] name, string path, int flags)
    {
        if (LinuxNative.UnlinkAt(Fd(dir), name, flags) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != LinuxNative.ENOENT)
        {
            throw errno == LinuxNative.EISDIR ? new UnsafeTargetEntryException(path, "a directory is in the way") : Error(path, errno);
        }
    }

    private static void Rename(SafeFileHandle source, byte[] oldName, SafeFileHandle dest, byte[] newName, string path)
    {
        if (LinuxNative.RenameAt2(Fd(source), oldName, Fd(dest), newName, 0) != 0)
        {
            throw Error(path, Marshal.GetLastPInvokeError());
        }
    }

    private static SafeFileHandle Dup(SafeFileHandle handle, string path)
    {
        var fd = LinuxNative.DupFd(Fd(handle));
        return fd < 0 ? throw Error(path, Marshal.GetLastPInvokeError()) : new SafeFileHandle(fd, ownsHandle: true);
    }

    internal static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    private static byte[] Leaf(string path, byte[]? leaf) =>
        leaf ?? throw new ArgumentException($"Not a file path in the store: '{path}'", nameof(path));

    private static List<string> Split(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Any(p => p is "." or ".."))
        {
            throw new ArgumentException($"Not a store-relative path: {path}", nameof(path));
        }
        return parts;
    }

    internal static IOException Error(string path, int errno) =>
        new($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
}
