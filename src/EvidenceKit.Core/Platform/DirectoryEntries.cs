using System.Runtime.InteropServices;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Platform;

/// <summary>Reads a directory's entries from its open fd with getdents64; names are kept as bytes (raw strings).</summary>
internal static class DirectoryEntries
{
    public static List<SourceEntry> Read(int dirFd, string hostDir, int maxEntries)
    {
        var entries = new List<SourceEntry>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = LinuxNative.GetDents64(dirFd, buffer);
            if (n < 0)
            {
                throw SourceErrors.From(Marshal.GetLastPInvokeError(), hostDir);
            }
            if (n == 0)
            {
                return entries;
            }
            var offset = 0;
            while (offset < n)
            {
                // struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
                var record = buffer.AsSpan(offset);
                var length = MemoryMarshal.Read<ushort>(record[16..]);
                if (length < 20 || offset + length > n)
                {
                    throw new SourceFileException(hostDir, "malformed directory record", SourceFault.IoError);
                }
                var type = record[18];
                var nameBytes = record[19..length];
                var end = nameBytes.IndexOf((byte)0);
                nameBytes = end < 0 ? nameBytes : nameBytes[..end];
                offset += length;
                if (nameBytes is [(byte)'.'] or [(byte)'.', (byte)'.'])
                {
                    continue;
                }
                if (entries.Count >= maxEntries)
                {
                    throw new SourceFileException(hostDir, $"more than {maxEntries} entries", SourceFault.TooLarge);
                }
                entries.Add(new SourceEntry(RawNames.FromBytes(nameBytes), Kind(dirFd, type, nameBytes)));
            }
        }
    }

    private static FileKind Kind(int dirFd, byte type, ReadOnlySpan<byte> name) => type switch
    {
        LinuxNative.DT_REG => FileKind.Regular,
        LinuxNative.DT_DIR => FileKind.Directory,
        LinuxNative.DT_LNK => FileKind.Symlink,
        LinuxNative.DT_FIFO => FileKind.Fifo,
        LinuxNative.DT_SOCK => FileKind.Socket,
        LinuxNative.DT_CHR => FileKind.CharacterDevice,
        LinuxNative.DT_BLK => FileKind.BlockDevice,
        _ => StatKind(dirFd, name),
    };

    /// <summary>For file systems that do not fill d_type: lstat the single name inside the directory.</summary>
    private static FileKind StatKind(int dirFd, ReadOnlySpan<byte> name) =>
        LinuxNative.StatxRaw(dirFd, InRootWalk.Terminated(name), LinuxNative.AT_SYMLINK_NOFOLLOW, LinuxNative.STATX_BASIC_STATS, out var b) == 0
            ? FileKinds.FromMode(b.Mode)
            : FileKind.Other;
}
