using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// Linux: the bag is walked through directory handles (openat with O_DIRECTORY|O_NOFOLLOW, one component at a time,
/// from a handle on the root; getdents64; statx with AT_SYMLINK_NOFOLLOW), so no link is ever followed. A file is
/// first opened O_PATH|O_NOFOLLOW (which opens nothing) and accepted only when statx on that handle shows the regular
/// file the walk listed (same device and inode); only then is that inode opened for reading (O_NONBLOCK|O_NOCTTY):
/// a FIFO or device swapped in after the walk is never opened, so it can neither block nor run a driver.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LinuxBagFiles : IBagFiles
{
    private const int DirectoryFlags = LinuxNative.O_RDONLY | LinuxNative.O_DIRECTORY | LinuxNative.O_NOFOLLOW
        | LinuxNative.O_NONBLOCK | LinuxNative.O_CLOEXEC;
    private const int ReadFlags = LinuxNative.O_RDONLY | LinuxNative.O_NONBLOCK | LinuxNative.O_NOCTTY | LinuxNative.O_CLOEXEC;

    private readonly SafeFileHandle _root;

    /// <summary>Re-opens each proven file by its descriptor's number in /proc/self/fd.</summary>
    private readonly OwnDescriptors _ownDescriptors;

    /// <summary>
    /// Per thread, the folder of the last file it opened: the files of one folder, hashed in turn by one worker, do not
    /// each open every folder on the way again. The handle names the folder the walk went through when first opened;
    /// each file is still proven to be the inode the walk listed.
    /// </summary>
    private readonly ThreadLocal<LastParent?> _lastParent = new(trackAllValues: true);

    private LinuxBagFiles(SafeFileHandle root, OwnDescriptors ownDescriptors)
    {
        _root = root;
        _ownDescriptors = ownDescriptors;
    }

    /// <summary>Opens the bag root (the path the user named; a link there is the user's own choice).</summary>
    /// <exception cref="IOException">The root is not a directory that can be opened.</exception>
    public static LinuxBagFiles Open(string root)
    {
        var fd = LinuxNative.BagOpenAt(LinuxNative.AT_FDCWD, root,
            LinuxNative.O_RDONLY | LinuxNative.O_DIRECTORY | LinuxNative.O_NONBLOCK | LinuxNative.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"{root} could not be opened as a directory (errno {Marshal.GetLastPInvokeError()}).");
        }
        return new LinuxBagFiles(new SafeFileHandle(fd, ownsHandle: true), new OwnDescriptors());
    }

    public Stream OpenRegular(BagEntry entry)
    {
        if (entry.Kind != BagEntryKind.RegularFile)
        {
            throw BundleReaderException.NotRegular(entry.BagPath);
        }
        var handle = new SafeFileHandle(OpenProven(Encoding.UTF8.GetBytes(entry.BagPath), entry.Device, entry.Inode), ownsHandle: true);
        try
        {
            return new FileStream(handle, FileAccess.Read, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The small-file path of hashing: the same proof as <see cref="OpenRegular"/>, then read(2) straight into the
    /// caller's buffer, with no stream, handle object or text made for a file that reads well.
    /// </summary>
    public int ReadWhole(ReadOnlySpan<byte> bagPath, ulong device, ulong inode, long length, Span<byte> buffer)
    {
        var fd = OpenProven(bagPath, device, inode);
        try
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var asked = buffer.Length - total;
                var read = LinuxNative.ReadRaw(fd, buffer[total..]);
                if (read < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == LinuxNative.EINTR)
                    {
                        continue;
                    }
                    throw new IOException($"{Encoding.UTF8.GetString(bagPath)} could not be read (errno {errno}).");
                }
                if (read == 0)
                {
                    return total;
                }
                total += read;
                // A short read that ends at the listed length is where the file ended when it was read: bytes added
                // later are bytes added after it was hashed, so no second read(2) is spent on seeing 0.
                if (read < asked && total == length)
                {
                    return total;
                }
            }
            return -1;
        }
        finally
        {
            LinuxNative.Close(fd);
        }
    }

    public void Dispose()
    {
        foreach (var parent in _lastParent.Values)
        {
            parent?.Handle.Dispose();
        }
        _lastParent.Dispose();
        _ownDescriptors.Dispose();
        _root.Dispose();
    }

    /// <summary>
    /// Opens the listed regular file at <paramref name="bagPath"/> for reading, proven to be the inode the walk listed.
    /// O_PATH opens nothing (no FIFO blocks, no device driver runs): the entry is judged on that handle first, and only
    /// the very inode it names is then opened for reading, through our own /proc/self/fd link. That link is the
    /// kernel's reference to the file the O_PATH handle holds, not a name anyone can swap, so the reopened handle is
    /// that same inode and needs no second look.
    /// </summary>
    /// <returns>A file descriptor the caller closes.</returns>
    private int OpenProven(ReadOnlySpan<byte> bagPath, ulong device, ulong inode)
    {
        var slash = bagPath.LastIndexOf((byte)'/');
        var parent = Parent(slash < 0 ? [] : bagPath[..slash]);
        var name = bagPath[(slash + 1)..];
        Span<byte> terminated = name.Length < 512 ? stackalloc byte[name.Length + 1] : new byte[name.Length + 1];
        name.CopyTo(terminated);
        terminated[^1] = 0;
        var pathFd = LinuxNative.BagOpenAtSpan(parent.DangerousGetHandle().ToInt32(), terminated,
            LinuxNative.O_PATH | LinuxNative.O_NOFOLLOW | LinuxNative.O_CLOEXEC);
        if (pathFd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == LinuxNative.ELOOP
                ? BundleReaderException.Changed(Encoding.UTF8.GetString(bagPath), "a symbolic link")
                : new BundleReaderException($"{Encoding.UTF8.GetString(bagPath)} could not be opened (errno {errno}).");
        }
        try
        {
            CheckSameRegularFile(pathFd, device, inode, bagPath);
            var fd = _ownDescriptors.Reopen(pathFd, ReadFlags);
            return fd >= 0 ? fd
                : throw new BundleReaderException($"{Encoding.UTF8.GetString(bagPath)} could not be opened (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            LinuxNative.Close(pathFd);
        }
    }

    /// <summary>Refuses a handle that is not the regular file (inode, device) the walk recorded.</summary>
    private static void CheckSameRegularFile(int fd, ulong device, ulong inode, ReadOnlySpan<byte> bagPath)
    {
        if (LinuxNative.BagStatxFd(fd, out var stat) != 0)
        {
            throw new BundleReaderException($"{Encoding.UTF8.GetString(bagPath)} could not be examined after opening.");
        }
        var kind = FileKinds.FromMode(stat.Mode);
        if (kind != FileKind.Regular)
        {
            throw BundleReaderException.Changed(Encoding.UTF8.GetString(bagPath), FileKinds.Describe(kind));
        }
        if (stat.Inode != inode || LinuxNative.MakeDev(stat.DevMajor, stat.DevMinor) != device)
        {
            throw BundleReaderException.Changed(Encoding.UTF8.GetString(bagPath), "another file");
        }
    }

    private SafeFileHandle Parent(ReadOnlySpan<byte> bagPath)
    {
        if (_lastParent.Value is { } last && last.Path.AsSpan().SequenceEqual(bagPath))
        {
            return last.Handle;
        }
        var handle = OpenDirectory(Encoding.UTF8.GetString(bagPath));
        _lastParent.Value?.Handle.Dispose();
        _lastParent.Value = new LastParent(bagPath.ToArray(), handle);
        return handle;
    }

    private SafeFileHandle OpenDirectory(string bagPath)
    {
        var current = _root;
        var owned = false;
        if (bagPath.Length == 0)
        {
            var dup = LinuxNative.BagOpenAt(_root.DangerousGetHandle().ToInt32(), ".", DirectoryFlags);
            return dup >= 0 ? new SafeFileHandle(dup, ownsHandle: true)
                : throw new IOException($"the bag root could not be reopened (errno {Marshal.GetLastPInvokeError()}).");
        }
        foreach (var component in bagPath.Split('/'))
        {
            var fd = LinuxNative.BagOpenAt(current.DangerousGetHandle().ToInt32(), component, DirectoryFlags);
            var errno = Marshal.GetLastPInvokeError();
            if (owned)
            {
                current.Dispose();
            }
            if (fd < 0)
            {
                throw new BundleReaderException(errno == LinuxNative.ELOOP
                    ? $"{bagPath}: a folder on the way is now a symbolic link (not followed)."
                    : $"{bagPath} could not be opened as a folder (errno {errno}).");
            }
            current = new SafeFileHandle(fd, ownsHandle: true);
            owned = true;
        }
        return current;
    }

    /// <summary>A folder a thread opened last, by its bag path's bytes.</summary>
    private sealed record LastParent(byte[] Path, SafeFileHandle Handle);
}
