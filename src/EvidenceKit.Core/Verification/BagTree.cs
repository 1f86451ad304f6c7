using System.IO.Abstractions;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// Every entry of a bag, found by walking it with lstat semantics: links are reported and never followed,
/// directories that are links are not entered, nothing is opened.
/// </summary>
internal sealed class BagTree
{
    private readonly Dictionary<string, BagEntry> _entries = new(StringComparer.Ordinal);

    private BagTree()
    {
    }

    public IReadOnlyCollection<BagEntry> Entries => _entries.Values;

    public BagEntry? Find(string bagPath) => _entries.GetValueOrDefault(bagPath);

    public bool IsRegularFile(string bagPath) => Find(bagPath)?.Kind == BagEntryKind.RegularFile;

    public bool Contains(string bagPath) => _entries.ContainsKey(bagPath);

    public static BagTree Walk(IFileSystem fileSystem, string root, IFileTypeProbe probe, CancellationToken cancellationToken)
    {
        var tree = new BagTree();
        var pending = new Stack<(IDirectoryInfo Directory, string Prefix)>();
        pending.Push((fileSystem.DirectoryInfo.New(root), ""));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, prefix) = pending.Pop();
            foreach (var info in directory.EnumerateFileSystemInfos())
            {
                var bagPath = prefix + info.Name;
                var entry = Classify(info, bagPath, probe);
                tree._entries[bagPath] = entry;
                if (entry.Kind == BagEntryKind.Directory)
                {
                    pending.Push((fileSystem.DirectoryInfo.New(info.FullName), bagPath + "/"));
                }
            }
        }
        return tree;
    }

    private static BagEntry Classify(IFileSystemInfo info, string bagPath, IFileTypeProbe probe)
    {
        var attributes = info.Attributes;
        if (info.LinkTarget is not null || attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            return new BagEntry(bagPath, BagEntryKind.SymbolicLink, 0, info.LinkTarget ?? "(reparse point)");
        }
        if (attributes.HasFlag(FileAttributes.Directory))
        {
            return new BagEntry(bagPath, BagEntryKind.Directory, 0, null);
        }
        if (attributes.HasFlag(FileAttributes.Device))
        {
            return new BagEntry(bagPath, BagEntryKind.Special, 0, null);
        }
        var length = info is IFileInfo file ? file.Length : 0;
        // FIFOs, sockets and devices show as ordinary files of length 0 in .NET; only those need asking the OS.
        if (length == 0 && probe.IsSpecial(info.FullName))
        {
            return new BagEntry(bagPath, BagEntryKind.Special, 0, null);
        }
        return new BagEntry(bagPath, BagEntryKind.RegularFile, length, null);
    }
}
