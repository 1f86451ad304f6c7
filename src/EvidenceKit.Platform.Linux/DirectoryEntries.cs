using System.Runtime.InteropServices;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// The one directory reader of the Linux adapters (source port, bundle writer, bag snapshot): getdents64 on a directory's
/// own fd, names kept as their bytes, "." and ".." left out, no entry followed.
/// </summary>
internal static class DirectoryEntries
{
    /// <summary>What <c>error</c> is given, in place of an errno, for a directory record that does not parse.</summary>
    public const int MalformedRecord = -1;

    /// <summary>Every entry of the open directory <paramref name="dirFd"/>: its name's bytes and its d_type.</summary>
    /// <param name="dirFd">An open directory.</param>
    /// <param name="maxEntries">At most this many entries are read.</param>
    /// <param name="error">The exception for a failed read, from its errno (or <see cref="MalformedRecord"/>).</param>
    /// <param name="tooMany">The exception when there are more than <paramref name="maxEntries"/>; null stops there.</param>
    public static List<(byte[] Name, byte Type)> ReadRaw(int dirFd, int maxEntries, Func<int, Exception> error, Func<Exception>? tooMany)
    {
        var entries = new List<(byte[] Name, byte Type)>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = LinuxNative.GetDents64(dirFd, buffer);
            if (n < 0)
            {
                throw error(Marshal.GetLastPInvokeError());
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
                    throw error(MalformedRecord);
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
                    return tooMany is null ? entries : throw tooMany();
                }
                entries.Add((nameBytes.ToArray(), type));
            }
        }
    }

    /// <summary>The source port's listing of <paramref name="hostDir"/>: names as raw strings with their kinds.</summary>
    public static List<SourceEntry> Read(int dirFd, string hostDir, int maxEntries) =>
        ReadRaw(dirFd, maxEntries,
                errno => errno == MalformedRecord
                    ? new SourceFileException(hostDir, "malformed directory record", SourceFault.IoError)
                    : SourceErrors.From(errno, hostDir),
                () => new SourceFileException(hostDir, $"more than {maxEntries} entries", SourceFault.TooLarge))
            .Select(e => new SourceEntry(RawNames.FromBytes(e.Name), Kind(dirFd, e.Type, e.Name)))
            .ToList();

    /// <summary>What an entry is, from its d_type, or by lstat of that one name where the file system gives none.</summary>
    public static FileKind Kind(int dirFd, byte type, ReadOnlySpan<byte> name) => type switch
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

    private static FileKind StatKind(int dirFd, ReadOnlySpan<byte> name) =>
        LinuxNative.StatxRaw(dirFd, InRootWalk.Terminated(name), LinuxNative.AT_SYMLINK_NOFOLLOW, LinuxNative.STATX_BASIC_STATS, out var b) == 0
            ? FileKinds.FromMode(b.Mode)
            : FileKind.Other;
}
