using System.IO.Abstractions;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Snapshot;

/// <summary>
/// Where the Linux handle-based walk is not available (other systems, in-memory file systems): entries are listed with
/// lstat semantics through <see cref="IFileSystem"/>, links are reported and never entered, and a file is opened only
/// when it was listed as a regular file and still is one of the same length.
/// </summary>
internal sealed class PortableBagFiles(IFileSystem fileSystem, string root) : IBagFiles
{
    public IEnumerable<BagEntry> Walk(CancellationToken cancellationToken)
    {
        var entries = new List<BagEntry>();
        var pending = new Stack<(IDirectoryInfo Directory, string Prefix)>();
        pending.Push((fileSystem.DirectoryInfo.New(root), ""));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, prefix) = pending.Pop();
            foreach (var info in directory.EnumerateFileSystemInfos())
            {
                var entry = Classify(info, prefix + info.Name);
                entries.Add(entry);
                if (entry.Kind == BagEntryKind.Directory)
                {
                    pending.Push((fileSystem.DirectoryInfo.New(info.FullName), entry.BagPath + "/"));
                }
            }
        }
        return entries;
    }

    public Stream OpenRegular(BagEntry entry)
    {
        var path = fileSystem.Path.Combine(root, entry.BagPath.Replace('/', fileSystem.Path.DirectorySeparatorChar));
        var info = fileSystem.FileInfo.New(path);
        if (entry.Kind != BagEntryKind.RegularFile || Classify(info, entry.BagPath) is not { Kind: BagEntryKind.RegularFile } now)
        {
            throw BundleReaderException.NotRegular(entry.BagPath);
        }
        return now.Length == 0 && entry.Length == 0
            ? new MemoryStream([], writable: false)
            : fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }

    public void Dispose()
    {
    }

    private static BagEntry Classify(IFileSystemInfo info, string bagPath)
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
        // Without lstat a FIFO looks like an empty file here; an empty file is never opened (its content is known).
        return new BagEntry(bagPath, BagEntryKind.RegularFile, info is IFileInfo file ? file.Length : 0, null);
    }
}
