using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Platform;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// A target store on a mounted file system: a USB stick, a disk, a mounted share. Every operation goes through
/// directory handles (<see cref="DirectoryHandleStore"/>): no link on any path is followed, nothing outside the root
/// is written, deleted or read.
/// </summary>
public sealed class LocalDirectoryStore : ITargetStore
{
    private static readonly IFileSystem RealFileSystem = new FileSystem();
    private readonly string _root;
    private readonly DirectoryHandleStore _handles;

    /// <summary>Uses <paramref name="root"/> (which must exist) as the store's root.</summary>
    public LocalDirectoryStore(string root)
    {
        _root = System.IO.Path.GetFullPath(root);
        _handles = new DirectoryHandleStore(_root);
    }

    /// <summary>True where the handle-based store works (Linux).</summary>
    public static bool IsSupported => DirectoryHandleStore.IsSupported;

    /// <inheritdoc />
    public TargetKind Kind => TargetKind.Directory;

    /// <inheritdoc />
    public string Location => _root;

    /// <inheritdoc />
    public TargetSpace GetSpace() => MountedSpace.Of(RealFileSystem, _root);

    /// <inheritdoc />
    public bool Exists(string path) => _handles.Exists(path);

    /// <inheritdoc />
    public void CreateDirectory(string path) => _handles.CreateDirectory(path);

    /// <inheritdoc />
    public Stream Create(string path) => _handles.Create(path);

    /// <inheritdoc />
    public Stream OpenAppend(string path) => _handles.OpenAppend(path);

    /// <inheritdoc />
    public Stream OpenRead(string path) => _handles.OpenRead(path);

    /// <inheritdoc />
    public long? GetLength(string path) => _handles.GetLength(path);

    /// <inheritdoc />
    public void Flush(Stream stream)
    {
        if (stream is DescriptorStream created)
        {
            created.FlushToDisk();
        }
        else
        {
            MountedSpace.FlushToDisk(stream);
        }
    }

    /// <inheritdoc />
    public void DropCache(string path) => _handles.DropCache(path);

    /// <inheritdoc />
    public void Move(string from, string to) => _handles.Move(from, to);

    /// <inheritdoc />
    public void Replace(string from, string to) => _handles.Replace(from, to);

    /// <inheritdoc />
    public void DeleteFile(string path) => _handles.DeleteFile(path);

    /// <inheritdoc />
    public void DeleteDirectory(string path) => _handles.DeleteDirectory(path);

    /// <inheritdoc />
    public void FlushDirectory(string path) => _handles.FlushDirectory(path);

    /// <inheritdoc />
    public IReadOnlyList<string> List(string directory) => ListEntries(directory).Select(e => e.Name).ToList();

    /// <inheritdoc />
    public IReadOnlyList<TargetEntry> ListEntries(string directory) =>
        _handles.ListEntries(directory);

    /// <inheritdoc />
    public void Dispose() => _handles.Dispose();
}
