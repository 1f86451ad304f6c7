using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Platform;

/// <summary>
/// The bundle writer over <see cref="IFileSystem"/>, for a file system that is not the OS's (tests with an in-memory file
/// system) or an OS without the *at() calls. Links are refused by looking before each step (lstat), which a race can
/// beat; on Linux the collector uses the handle-based store of EvidenceKit.Platform.Linux instead.
/// </summary>
public sealed class PortableDirectoryStore : ITargetStore
{
    private readonly IFileSystem fs;
    private readonly string root;

    /// <summary>Uses <paramref name="root"/> (which must exist) on <paramref name="fileSystem"/> as the store's root.</summary>
    public PortableDirectoryStore(IFileSystem fileSystem, string root)
    {
        fs = fileSystem;
        this.root = fileSystem.Path.GetFullPath(root);
    }

    /// <inheritdoc />
    public TargetKind Kind => TargetKind.Directory;

    /// <inheritdoc />
    public string Location => root;

    /// <inheritdoc />
    public TargetSpace GetSpace() => MountedSpace.Of(fs, root);

    /// <inheritdoc />
    public bool Exists(string path)
    {
        var full = Full(path);
        return fs.File.Exists(full) || fs.Directory.Exists(full);
    }

    /// <inheritdoc />
    public void CreateDirectory(string path) => fs.Directory.CreateDirectory(Full(path));

    /// <inheritdoc />
    public Stream Create(string path)
    {
        var full = Full(path);
        if (fs.File.Exists(full))
        {
            fs.File.Delete(full);
        }
        return fs.FileStream.New(full, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
    }

    /// <inheritdoc />
    public Stream OpenAppend(string path) =>
        fs.FileStream.New(Full(path), FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);

    /// <inheritdoc />
    public Stream OpenRead(string path) =>
        fs.FileStream.New(Full(path), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    /// <inheritdoc />
    public long? GetLength(string path)
    {
        var info = fs.FileInfo.New(Full(path));
        return info.Exists ? info.Length : null;
    }

    /// <inheritdoc />
    public void Move(string from, string to)
    {
        var source = Full(from);
        var dest = Full(to);
        if (fs.File.Exists(dest) || fs.Directory.Exists(dest))
        {
            throw new IOException($"Cannot rename to {dest}: it already exists.");
        }
        if (fs.Directory.Exists(source))
        {
            fs.Directory.Move(source, dest);
        }
        else
        {
            fs.File.Move(source, dest);
        }
    }

    /// <inheritdoc />
    public void Replace(string from, string to) => fs.File.Move(Full(from), Full(to), overwrite: true);

    /// <inheritdoc />
    public void DeleteFile(string path) => fs.File.Delete(Full(path));

    /// <inheritdoc />
    public void DeleteDirectory(string path)
    {
        var full = Full(path);
        if (fs.Directory.Exists(full))
        {
            fs.Directory.Delete(full, recursive: false);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<TargetEntry> ListEntries(string directory)
    {
        var full = Full(directory);
        if (!fs.Directory.Exists(full))
        {
            return [];
        }
        return fs.DirectoryInfo.New(full).EnumerateFileSystemInfos().Select(i => new TargetEntry(i.Name,
            i.LinkTarget is not null ? FileKind.Symlink : i is IDirectoryInfo ? FileKind.Directory : FileKind.Regular)).ToList();
    }

    /// <inheritdoc />
    public void Flush(Stream stream) => MountedSpace.FlushToDisk(stream);

    /// <inheritdoc />
    public void DropCache(string path)
    {
    }

    /// <inheritdoc />
    public void FlushDirectory(string path)
    {
    }

    /// <inheritdoc />
    public IReadOnlyList<string> List(string directory) => ListEntries(directory).Select(e => e.Name).ToList();

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private string Full(string path)
    {
        if (path.Contains('\\') || path.Split('/').Any(c => c is ".."))
        {
            throw new ArgumentException($"Not a store-relative path: {path}", nameof(path));
        }
        var full = path.Length == 0 ? root : fs.Path.Combine(root, path.TrimStart('/'));
        var walked = root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            walked = fs.Path.Combine(walked, part);
            if (fs.File.Exists(walked) || fs.Directory.Exists(walked))
            {
                if (fs.FileInfo.New(walked).LinkTarget is not null)
                {
                    throw new UnsafeTargetEntryException(path, $"'{part}' is a link");
                }
            }
        }
        return full;
    }
}
