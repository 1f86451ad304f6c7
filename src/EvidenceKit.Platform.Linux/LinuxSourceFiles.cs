using System.Runtime.InteropServices;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Text;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// The source port on Linux. It holds an O_PATH handle on the root and resolves every host path from it with
/// openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS), so a link anywhere in a path stays inside the root (kernels
/// without openat2 get <see cref="InRootWalk"/>). The final component is never followed. Metadata comes from statx
/// on the opened handle. A file is first opened O_PATH (which opens nothing: no FIFO blocks, no device driver
/// runs), checked to be regular, and only then re-opened for reading through /proc/self/fd, with O_NOATIME so
/// reading evidence does not change its access time (the kernel allows O_NOATIME only to the owner or root; when
/// it refuses, the file is opened normally and <see cref="SourceStream.AtimePreserved"/> says so).
/// </summary>
public sealed class LinuxSourceFiles : ISourceFiles, IDisposable
{
    private const int MaxEntries = 1_000_000;
    private readonly SafeFileHandle _root;
    private readonly OwnDescriptors _ownDescriptors;
    private volatile bool _openat2;

    /// <summary>Opens a handle on <paramref name="root"/> ("/" for the live host).</summary>
    /// <exception cref="DirectoryNotFoundException">The root cannot be opened as a directory.</exception>
    public LinuxSourceFiles(string root = "/")
        : this(root, useOpenat2: true)
    {
    }

    /// <summary>With <paramref name="useOpenat2"/> false, always uses the component walk (tests of the fallback).</summary>
    internal LinuxSourceFiles(string root, bool useOpenat2)
    {
        Root = System.IO.Path.GetFullPath(root);
        var fd = LinuxNative.OpenAtRaw(LinuxNative.AT_FDCWD, InRootWalk.Terminated(RawNames.ToBytes(Root)),
            LinuxNative.O_PATH | LinuxNative.SourceODirectory | LinuxNative.O_CLOEXEC);
        if (fd < 0)
        {
            throw new DirectoryNotFoundException($"Cannot open the source root {RawNames.Readable(Root)}: {SourceErrors.Describe(Marshal.GetLastPInvokeError())}");
        }
        _root = new SafeFileHandle(fd, ownsHandle: true);
        _ownDescriptors = new OwnDescriptors();
        _openat2 = useOpenat2;
    }

    /// <summary>True on Linux, where this implementation works.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <inheritdoc />
    public string Root { get; }

    /// <summary>True while openat2 is used (false on kernels without it, after the first ENOSYS).</summary>
    internal bool UsesOpenat2 => _openat2;

    /// <inheritdoc />
    public SourceFileInfo? Stat(string hostPath)
    {
        using var handle = OpenPath(hostPath, out var errno);
        if (handle is null)
        {
            return errno is LinuxNative.ENOENT or LinuxNative.ENOTDIR ? null : throw SourceErrors.From(errno, hostPath);
        }
        var info = StatHandle(handle, hostPath);
        return info.Kind == FileKind.Symlink ? info with { LinkTarget = ReadLink(handle) } : info;
    }

    /// <inheritdoc />
    public SourceStream OpenRead(string hostPath)
    {
        using var pathHandle = OpenPath(hostPath, out var errno)
            ?? throw (errno == LinuxNative.ENOTDIR ? SourceErrors.From(LinuxNative.ENOENT, hostPath) : SourceErrors.From(errno, hostPath));
        var planned = StatHandle(pathHandle, hostPath);
        if (planned.Kind != FileKind.Regular)
        {
            throw SourceErrors.NotRegular(hostPath, planned.Kind);
        }

        // Re-open the very inode the O_PATH handle names; /proc/self/fd/N is our own process's link, not the source's.
        // (Whatever that path resolves to, the handle opened is checked below to be the same inode.)
        var pathFd = pathHandle.DangerousGetHandle().ToInt32();
        const int readFlags = LinuxNative.O_RDONLY | LinuxNative.O_NONBLOCK | LinuxNative.O_CLOEXEC;
        var atimePreserved = true;
        var fd = _ownDescriptors.Reopen(pathFd, readFlags | LinuxNative.O_NOATIME);
        if (fd < 0 && Marshal.GetLastPInvokeError() == LinuxNative.EPERM)
        {
            atimePreserved = false;
            fd = _ownDescriptors.Reopen(pathFd, readFlags);
        }
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (fd < 0 && errno == LinuxNative.ENOENT && !Directory.Exists("/proc/self/fd"))
        {
            // No /proc (a bare chroot): open the path itself; the checks on the handle below still hold.
            fd = Open(hostPath, readFlags | (atimePreserved ? LinuxNative.O_NOATIME : 0), out errno);
        }
        if (fd < 0)
        {
            throw SourceErrors.From(errno, hostPath);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var info = StatHandle(handle, hostPath);
            if (info.Kind != FileKind.Regular || info.Inode != planned.Inode || info.Device != planned.Device)
            {
                throw SourceErrors.NotRegular(hostPath, info.Kind);
            }
            // O_NONBLOCK stays set: it guards the open against a FIFO swapped in, and on the regular file this handle
            // is proven to be it changes nothing (regular files always block on read), so no fcntl pair per file.
            return new SourceStream(new DescriptorStream(handle, FileAccess.Read), atimePreserved, info);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<SourceEntry> List(string hostDir)
    {
        var flags = LinuxNative.O_RDONLY | LinuxNative.SourceODirectory | LinuxNative.SourceONoFollow | LinuxNative.O_NONBLOCK;
        var fd = Open(hostDir, flags | LinuxNative.O_NOATIME, out var errno);
        if (fd < 0 && errno == LinuxNative.EPERM)
        {
            fd = Open(hostDir, flags, out errno);
        }
        if (fd < 0)
        {
            throw ListError(hostDir, errno);
        }
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        return DirectoryEntries.Read(fd, hostDir, MaxEntries);
    }

    /// <inheritdoc />
    public byte[] ReadAll(string hostPath, int maxBytes)
    {
        using var opened = OpenRead(hostPath);
        if (opened.AtOpen.Size > maxBytes)
        {
            throw SourceErrors.TooLarge(hostPath, opened.AtOpen.Size, maxBytes);
        }
        var buffer = new byte[Math.Min((long)maxBytes + 1, Math.Max(opened.AtOpen.Size + 1, 4096))];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > maxBytes)
                {
                    throw SourceErrors.TooLarge(hostPath, total, maxBytes);
                }
                Array.Resize(ref buffer, (int)Math.Min((long)maxBytes + 1, buffer.Length * 2L));
            }
            int n;
            try
            {
                n = opened.Stream.Read(buffer, total, buffer.Length - total);
            }
            catch (IOException e)
            {
                throw new SourceFileException(hostPath, $"read error after {total} bytes: {e.Message}", SourceFault.IoError, e);
            }
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        if (total > maxBytes)
        {
            throw SourceErrors.TooLarge(hostPath, total, maxBytes);
        }
        return buffer[..total];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ownDescriptors.Dispose();
        _root.Dispose();
    }

    private SafeFileHandle? OpenPath(string hostPath, out int errno)
    {
        var fd = Open(hostPath, LinuxNative.O_PATH | LinuxNative.SourceONoFollow, out errno);
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Resolves <paramref name="hostPath"/> inside the root and opens it; the final component is never followed.</summary>
    private int Open(string hostPath, int flags, out int errno)
    {
        errno = 0;
        byte[] relative;
        try
        {
            relative = RawNames.ToBytes(hostPath.TrimStart('/'));
        }
        catch (ArgumentException)
        {
            errno = LinuxNative.ENOENT;
            return -1;
        }
        if (relative.AsSpan().Contains((byte)0))
        {
            errno = LinuxNative.ENOENT;
            return -1;
        }
        flags |= LinuxNative.SourceONoFollow | LinuxNative.O_CLOEXEC;

        var added = false;
        _root.DangerousAddRef(ref added);
        try
        {
            var rootFd = (int)_root.DangerousGetHandle();
            if (_openat2)
            {
                var path = InRootWalk.Terminated(relative.Length == 0 ? "."u8 : relative);
                for (var attempt = 0; attempt < 16; attempt++)
                {
                    var fd = LinuxNative.OpenAt2(rootFd, path, (ulong)flags,
                        LinuxNative.RESOLVE_IN_ROOT | LinuxNative.RESOLVE_NO_MAGICLINKS);
                    errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
                    // EAGAIN: a rename raced with a ".." step; the kernel asks to try again.
                    if (fd >= 0 || errno != LinuxNative.EAGAIN)
                    {
                        if (errno != LinuxNative.ENOSYS)
                        {
                            return fd;
                        }
                        _openat2 = false;
                        break;
                    }
                }
                if (_openat2)
                {
                    return -1;
                }
            }
            return InRootWalk.Open(rootFd, relative, flags, out errno);
        }
        finally
        {
            if (added)
            {
                _root.DangerousRelease();
            }
        }
    }

    private static SourceFileInfo StatHandle(SafeFileHandle handle, string hostPath)
    {
        if (LinuxNative.StatxRaw((int)handle.DangerousGetHandle(), [0], LinuxNative.AT_EMPTY_PATH,
                LinuxNative.STATX_BASIC_STATS | LinuxNative.STATX_BTIME, out var buffer) != 0)
        {
            throw SourceErrors.From(Marshal.GetLastPInvokeError(), hostPath);
        }
        return StatxInfo.ToInfo(buffer);
    }

    private static string? ReadLink(SafeFileHandle handle)
    {
        var buffer = new byte[4096];
        var n = LinuxNative.ReadLinkAtRaw((int)handle.DangerousGetHandle(), [0], buffer);
        return n is > 0 and < 4096 ? RawNames.FromBytes(buffer.AsSpan(0, n)) : null;
    }

    private SourceFileException ListError(string hostDir, int errno)
    {
        if (errno is LinuxNative.ELOOP or LinuxNative.ENOTDIR)
        {
            // Is the directory itself a link (never followed) or something else, or is there a loop above it?
            var kind = SafeKind(hostDir);
            if (kind is { } k && k != FileKind.Directory)
            {
                return new SourceFileException(hostDir, $"not a directory ({FileKinds.Describe(k)}, not followed)", SourceFault.NotDirectory);
            }
        }
        return SourceErrors.From(errno, hostDir);
    }

    private FileKind? SafeKind(string hostPath)
    {
        try
        {
            return Stat(hostPath)?.Kind;
        }
        catch (SourceFileException)
        {
            return null;
        }
    }
}
