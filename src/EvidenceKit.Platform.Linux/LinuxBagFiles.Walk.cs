using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Platform.Linux;

/// <summary>The walk of the bag: each folder listed by getdents64 on its own handle, each entry examined by statx without following it.</summary>
internal sealed partial class LinuxBagFiles
{
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

    /// <summary>Folders with fewer entries than this are examined on one thread.</summary>
    private const int ParallelListing = 256;

    private static BagEntry[] List(SafeFileHandle directory, string prefix)
    {
        var fd = directory.DangerousGetHandle().ToInt32();
        var names = DirectoryEntries.ReadRaw(fd, int.MaxValue,
            errno => new IOException($"{(prefix.Length == 0 ? "the bag root" : prefix)} could not be listed (errno {errno})."), tooMany: null);
        var entries = new BagEntry[names.Count];
        var workers = names.Count < ParallelListing ? 1 : Environment.ProcessorCount;
        if (workers == 1)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = Classify(fd, names[i].Name, prefix);
            }
            return entries;
        }
        // Examining each name (statx) is most of a walk: the names of a large folder are shared among the cores, each
        // entry kept in its place, so the walk's order is the same whoever examined it.
        var chunk = (entries.Length + workers - 1) / workers;
        try
        {
            Parallel.For(0, workers, w =>
            {
                for (var i = w * chunk; i < Math.Min(entries.Length, (w + 1) * chunk); i++)
                {
                    entries[i] = Classify(fd, names[i].Name, prefix);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return entries;
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
