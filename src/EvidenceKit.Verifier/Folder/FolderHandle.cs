using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Platform.Linux;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// A folder of bundles held by one directory handle: its entries are listed from that handle (getdents64, names kept as
/// bytes) and each is opened relative to it, one component, with O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK. The open
/// itself decides what an entry is: a link fails with ELOOP and is never followed, a file, FIFO, socket or device fails
/// with ENOTDIR before anything is opened, so an entry swapped between the listing and the open gains nothing.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class FolderHandle : IDisposable
{
    private const int EntryFlags = LinuxNative.O_RDONLY | LinuxNative.O_DIRECTORY | LinuxNative.O_NOFOLLOW
        | LinuxNative.O_NONBLOCK | LinuxNative.O_CLOEXEC;

    private const string LinkNotFollowed = "a symbolic link; not followed";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SafeFileHandle _folder;
    private readonly string _path;

    private FolderHandle(SafeFileHandle folder, string path)
    {
        _folder = folder;
        _path = path;
    }

    /// <summary>Opens the folder the user named (a link there is the user's own choice).</summary>
    /// <exception cref="IOException">It cannot be opened as a directory.</exception>
    public static FolderHandle Open(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var fd = LinuxNative.BagOpenAt(LinuxNative.AT_FDCWD, full, EntryFlags & ~LinuxNative.O_NOFOLLOW);
        if (fd < 0)
        {
            throw new IOException($"it could not be opened as a directory ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
        }
        return new FolderHandle(new SafeFileHandle(fd, ownsHandle: true), full);
    }

    /// <summary>The folder's entries by name (ordinal); nothing is opened.</summary>
    /// <exception cref="InvalidDataException">The folder lists more than <see cref="BundleFolder.MaxEntries"/> entries.</exception>
    public IReadOnlyList<FolderEntry> List()
    {
        var raw = DirectoryEntries.ReadRaw(Fd, BundleFolder.MaxEntries,
            errno => new IOException($"it could not be listed ({(errno == DirectoryEntries.MalformedRecord ? "a malformed directory record" : Marshal.GetPInvokeErrorMessage(errno))})"),
            () => new InvalidDataException($"the folder lists more than {BundleFolder.MaxEntries} entries"));
        return raw.Select(e => Entry(e.Name)).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Opens <paramref name="entry"/> relative to the folder's handle as a directory, following no link; null, with the
    /// reason in <paramref name="why"/>, when it is not a directory by then.
    /// </summary>
    public PinnedBundle? Pin(FolderEntry entry, out string? why)
    {
        // A name that is not UTF-8 never gets here, so the string is exactly the listed bytes; it has no slash.
        var fd = LinuxNative.BagOpenAt(Fd, entry.Name, EntryFlags);
        if (fd >= 0)
        {
            why = null;
            return new PinnedBundle(new SafeFileHandle(fd, ownsHandle: true));
        }
        var errno = Marshal.GetLastPInvokeError();
        why = errno switch
        {
            LinuxNative.ELOOP => LinkNotFollowed,
            LinuxNative.ENOTDIR => NotADirectory(entry.RawName),
            LinuxNative.ENOENT => "it vanished before it could be verified",
            _ => $"it could not be opened ({Marshal.GetPInvokeErrorMessage(errno)})",
        };
        return null;
    }

    public void Dispose() => _folder.Dispose();

    private int Fd => (int)_folder.DangerousGetHandle();

    private FolderEntry Entry(byte[] name)
    {
        try
        {
            var text = StrictUtf8.GetString(name);
            return new FolderEntry(text, Path.Combine(_path, text), name, null);
        }
        catch (DecoderFallbackException)
        {
            var escaped = string.Concat(name.Select(b => b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}"));
            return new FolderEntry(escaped, Path.Combine(_path, escaped), name, "its name is not UTF-8; not opened");
        }
    }

    /// <summary>What a non-directory entry is (lstat of the name, nothing opened), for its row.</summary>
    private string NotADirectory(byte[] name)
    {
        if (LinuxNative.StatxRaw(Fd, Terminated(name), LinuxNative.AT_SYMLINK_NOFOLLOW, LinuxNative.STATX_BASIC_STATS, out var stat) != 0)
        {
            return "not a directory; not opened";
        }
        var kind = FileKinds.FromMode(stat.Mode);
        return kind == FileKind.Symlink ? LinkNotFollowed : $"a {FileKinds.Describe(kind)}, not a directory; not opened";
    }

    private static byte[] Terminated(byte[] name)
    {
        var bytes = new byte[name.Length + 1];
        name.CopyTo(bytes, 0);
        return bytes;
    }
}
