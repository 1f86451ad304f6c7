using System.Runtime.InteropServices;
using EvidenceKit.Core.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Core.Platform;

/// <summary>Reads a directory through its handle (readdir on a duplicate), reporting each entry's kind without following it.</summary>
internal static class DirectoryListing
{
    /// <summary>Entries are capped so a hostile directory cannot grow the process without bound.</summary>
    public const int MaxEntries = 10_000_000;

    public static IReadOnlyList<TargetEntry> Read(SafeFileHandle directory, string path)
    {
        var fd = LinuxNative.DupFd(DirectoryHandleStore.Fd(directory));
        if (fd < 0)
        {
            throw DirectoryHandleStore.Error(path, Marshal.GetLastPInvokeError());
        }
        var dir = LinuxNative.FdOpenDir(fd);
        if (dir == 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            LinuxNative.Close(fd);
            throw DirectoryHandleStore.Error(path, errno);
        }
        var entries = new List<TargetEntry>();
        try
        {
            while (entries.Count < MaxEntries)
            {
                var entry = LinuxNative.ReadDir64(dir);
                if (entry == 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != 0)
                    {
                        throw DirectoryHandleStore.Error(path, errno);
                    }
                    break;
                }
                var name = NameOf(entry);
                if (name is [(byte)'.'] or [(byte)'.', (byte)'.'])
                {
                    continue;
                }
                var type = Marshal.ReadByte(entry, LinuxNative.DirentTypeOffset);
                entries.Add(new TargetEntry(Text.RawNames.FromBytes(name), Kind(directory, type, name, path)));
            }
        }
        finally
        {
            LinuxNative.CloseDir(dir);
        }
        return entries;
    }

    private static byte[] NameOf(nint entry)
    {
        var length = 0;
        while (Marshal.ReadByte(entry, LinuxNative.DirentNameOffset + length) != 0 && length < 4096)
        {
            length++;
        }
        var name = new byte[length];
        Marshal.Copy(entry + LinuxNative.DirentNameOffset, name, 0, length);
        return name;
    }

    private static FileKind Kind(SafeFileHandle directory, byte type, byte[] name, string path) => type switch
    {
        LinuxNative.DT_REG => FileKind.Regular,
        LinuxNative.DT_DIR => FileKind.Directory,
        LinuxNative.DT_LNK => FileKind.Symlink,
        LinuxNative.DT_UNKNOWN => DirectoryHandleStore.StatEntry(directory, [.. name, 0], path) is { } info ? FileKinds.FromMode(info.Mode) : FileKind.Other,
        _ => FileKinds.FromMode((uint)type << 12),
    };
}
