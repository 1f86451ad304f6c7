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
internal sealed class LinuxBagFiles : IBagFiles
{
    private const int DirectoryFlags = LinuxNative.O_RDONLY | LinuxNative.O_DIRECTORY | LinuxNative.O_NOFOLLOW
        | LinuxNative.O_NONBLOCK | LinuxNative.O_CLOEXEC;
    private const int FileFlags = LinuxNative.O_RDONLY | LinuxNative.O_NOFOLLOW | LinuxNative.O_NONBLOCK
        | LinuxNative.O_NOCTTY | LinuxNative.O_CLOEXEC;

    private readonly SafeFileHandle _root;

    /// <summary>
    /// Per thread, the folder of the last file it opened: the files of one folder, hashed in turn by one worker, do not
    /// each open every folder on the way again. The handle names the folder the walk went through when first opened;
    /// each file is still proven to be the inode the walk listed.
    /// </summary>
    private readonly ThreadLocal<(string Path, SafeFileHandle Handle)?> _lastParent = new(trackAllValues: true);

    private LinuxBagFiles(SafeFileHandle root)
    {
        _root = root;
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
        return new LinuxBagFiles(new SafeFileHandle(fd, ownsHandle: true));
    }

    public IEnumerable<BagEntry> Walk(CancellationToken cancellationToken)
    {
        var pending = new Queue<string>();
        pending.Enqueue("");
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = pending.Dequeue();
            using var handle = OpenDirectory(directory);
            foreach (var entry in List(handle, directory == "" ? "" : directory + "/"))
            {
                yield return entry;
                if (entry.Kind == BagEntryKind.Directory)
                {
                    pending.Enqueue(entry.BagPath);
                }
            }
        }
    }

    public Stream OpenRegular(BagEntry entry)
    {
        if (entry.Kind != BagEntryKind.RegularFile)
        {
            throw BundleReaderException.NotRegular(entry.BagPath);
        }
        var slash = entry.BagPath.LastIndexOf('/');
        var parent = Parent(slash < 0 ? "" : entry.BagPath[..slash]);
        // O_PATH opens nothing (no FIFO blocks, no device driver runs): the entry is judged on that handle first, and
        // only the very inode it names is then opened for reading, through our own /proc/self/fd link.
        var pathFd = LinuxNative.BagOpenAt(parent.DangerousGetHandle().ToInt32(), entry.BagPath[(slash + 1)..],
            LinuxNative.O_PATH | LinuxNative.O_NOFOLLOW | LinuxNative.O_CLOEXEC);
        if (pathFd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == LinuxNative.ELOOP
                ? BundleReaderException.Changed(entry.BagPath, "a symbolic link")
                : new BundleReaderException($"{entry.BagPath} could not be opened (errno {errno}).");
        }
        using var pathHandle = new SafeFileHandle(pathFd, ownsHandle: true);
        CheckSameRegularFile(pathFd, entry);
        var fd = LinuxNative.BagOpenAt(LinuxNative.AT_FDCWD, $"/proc/self/fd/{pathFd}", FileFlags & ~LinuxNative.O_NOFOLLOW);
        if (fd < 0)
        {
            throw new BundleReaderException($"{entry.BagPath} could not be opened (errno {Marshal.GetLastPInvokeError()}).");
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            CheckSameRegularFile(fd, entry);
            return new FileStream(handle, FileAccess.Read, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Refuses a handle that is not the regular file (inode, device) the walk recorded for <paramref name="entry"/>.</summary>
    private static void CheckSameRegularFile(int fd, BagEntry entry)
    {
        if (LinuxNative.Statx(fd, string.Empty, LinuxNative.AT_EMPTY_PATH, LinuxNative.STATX_BASIC_STATS, out var stat) != 0)
        {
            throw new BundleReaderException($"{entry.BagPath} could not be examined after opening.");
        }
        var kind = FileKinds.FromMode(stat.Mode);
        if (kind != FileKind.Regular)
        {
            throw BundleReaderException.Changed(entry.BagPath, FileKinds.Describe(kind));
        }
        if (stat.Inode != entry.Inode || LinuxNative.MakeDev(stat.DevMajor, stat.DevMinor) != entry.Device)
        {
            throw BundleReaderException.Changed(entry.BagPath, "another file");
        }
    }

    public void Dispose()
    {
        foreach (var parent in _lastParent.Values)
        {
            parent?.Handle.Dispose();
        }
        _lastParent.Dispose();
        _root.Dispose();
    }

    private SafeFileHandle Parent(string bagPath)
    {
        if (_lastParent.Value is { } last && last.Path == bagPath)
        {
            return last.Handle;
        }
        var handle = OpenDirectory(bagPath);
        _lastParent.Value?.Handle.Dispose();
        _lastParent.Value = (bagPath, handle);
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

    private static List<BagEntry> List(SafeFileHandle directory, string prefix)
    {
        var fd = directory.DangerousGetHandle().ToInt32();
        return DirectoryEntries.ReadRaw(fd, int.MaxValue,
                errno => new IOException($"{(prefix.Length == 0 ? "the bag root" : prefix)} could not be listed (errno {errno})."), tooMany: null)
            .Select(e => Classify(fd, e.Name, prefix))
            .ToList();
    }

    private static BagEntry Classify(int directory, byte[] bytes, string prefix)
    {
        string text;
        try
        {
            text = BagTextLines.StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            var escaped = new StringBuilder();
            foreach (var b in bytes)
            {
                escaped.Append(b < 0x80 && b >= 0x20 ? ((char)b).ToString() : $"\\x{b:x2}");
            }
            return new BagEntry(prefix + escaped, BagEntryKind.BadName, 0, null);
        }
        var bagPath = prefix + text;
        var name = InRootWalk.Terminated(bytes);
        if (LinuxNative.StatxRaw(directory, name, LinuxNative.AT_SYMLINK_NOFOLLOW, LinuxNative.STATX_BASIC_STATS, out var stat) != 0)
        {
            throw new IOException($"{bagPath} could not be examined (errno {Marshal.GetLastPInvokeError()}).");
        }
        var device = LinuxNative.MakeDev(stat.DevMajor, stat.DevMinor);
        return FileKinds.FromMode(stat.Mode) switch
        {
            FileKind.Regular => new BagEntry(bagPath, BagEntryKind.RegularFile, (long)stat.Size, null, device, stat.Inode),
            FileKind.Directory => new BagEntry(bagPath, BagEntryKind.Directory, 0, null, device, stat.Inode),
            FileKind.Symlink => new BagEntry(bagPath, BagEntryKind.SymbolicLink, 0, ReadLink(directory, name), device, stat.Inode),
            var kind => new BagEntry(bagPath, BagEntryKind.Special, 0, $"a {FileKinds.Describe(kind)}", device, stat.Inode),
        };
    }

    private static unsafe string ReadLink(int directory, byte[] name)
    {
        var target = new byte[4096];
        fixed (byte* path = name)
        fixed (byte* buffer = target)
        {
            var length = LinuxNative.BagReadLinkAt(directory, path, buffer, (nuint)target.Length);
            return length < 0 ? "(unreadable)" : Encoding.UTF8.GetString(target, 0, (int)length);
        }
    }
}
