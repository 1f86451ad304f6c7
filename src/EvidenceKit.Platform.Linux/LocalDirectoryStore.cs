using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// A target store on a mounted file system: a USB stick, a disk, a mounted share. On Linux with the real file system
/// every operation goes through directory handles (<see cref="DirectoryHandleStore"/>): no link on any path is followed,
/// nothing outside the root is written, deleted or read.
/// </summary>
public sealed class LocalDirectoryStore : ITargetStore
{
    private const long Fat32MaxFile = 4L * 1024 * 1024 * 1024 - 1;
    private readonly IFileSystem _fs;
    private readonly string _root;
    private readonly DirectoryHandleStore? _handles;
    private readonly PortableDirectoryStore? _portable;

    /// <summary>Uses <paramref name="root"/> (which must exist) as the store's root.</summary>
    public LocalDirectoryStore(IFileSystem fileSystem, string root)
    {
        _fs = fileSystem;
        _root = fileSystem.Path.GetFullPath(root);
        if (fileSystem is FileSystem && DirectoryHandleStore.IsSupported)
        {
            _handles = new DirectoryHandleStore(_root);
        }
        else
        {
            _portable = new PortableDirectoryStore(fileSystem, _root);
        }
    }

    /// <inheritdoc />
    public string Kind => "directory";

    /// <inheritdoc />
    public string Location => _root;

    /// <inheritdoc />
    public TargetSpace GetSpace()
    {
        try
        {
            var drive = _fs.DriveInfo.New(_root);
            var format = drive.DriveFormat;
            var fat = format is "vfat" or "msdos" or "fat" or "FAT32" or "FAT";
            var caseInsensitive = fat || format is "exfat" or "ntfs" or "ntfs3" or "fuseblk" or "NTFS" or "exFAT";
            return new TargetSpace(drive.AvailableFreeSpace, format, fat ? Fat32MaxFile : null, caseInsensitive ? false : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            return new TargetSpace(null, null, null, null);
        }
    }

    /// <inheritdoc />
    public bool Exists(string path) => _handles?.Exists(path) ?? _portable!.Exists(path);

    /// <inheritdoc />
    public void CreateDirectory(string path)
    {
        if (_handles is not null)
        {
            _handles.CreateDirectory(path);
        }
        else
        {
            _portable!.CreateDirectory(path);
        }
    }

    /// <inheritdoc />
    public Stream Create(string path) => _handles?.Create(path) ?? _portable!.Create(path);

    /// <inheritdoc />
    public Stream OpenAppend(string path) => _handles?.OpenAppend(path) ?? _portable!.OpenAppend(path);

    /// <inheritdoc />
    public Stream OpenRead(string path) => _handles?.OpenRead(path) ?? _portable!.OpenRead(path);

    /// <inheritdoc />
    public long? GetLength(string path) => _handles is not null ? _handles.GetLength(path) : _portable!.GetLength(path);

    /// <inheritdoc />
    public void Flush(Stream stream)
    {
        switch (stream)
        {
            case FileSystemStream fss:
                fss.Flush(flushToDisk: true);
                break;
            case FileStream fs:
                fs.Flush(flushToDisk: true);
                break;
            default:
                stream.Flush();
                break;
        }
    }

    /// <inheritdoc />
    public void DropCache(string path) => _handles?.DropCache(path);

    /// <inheritdoc />
    public void Move(string from, string to)
    {
        if (_handles is not null)
        {
            _handles.Move(from, to);
        }
        else
        {
            _portable!.Move(from, to);
        }
    }

    /// <inheritdoc />
    public void Replace(string from, string to)
    {
        if (_handles is not null)
        {
            _handles.Replace(from, to);
        }
        else
        {
            _portable!.Replace(from, to);
        }
    }

    /// <inheritdoc />
    public void DeleteFile(string path)
    {
        if (_handles is not null)
        {
            _handles.DeleteFile(path);
        }
        else
        {
            _portable!.DeleteFile(path);
        }
    }

    /// <inheritdoc />
    public void DeleteDirectory(string path)
    {
        if (_handles is not null)
        {
            _handles.DeleteDirectory(path);
        }
        else
        {
            _portable!.DeleteDirectory(path);
        }
    }

    /// <inheritdoc />
    public void FlushDirectory(string path) => _handles?.FlushDirectory(path);

    /// <inheritdoc />
    public IReadOnlyList<string> List(string directory) => ListEntries(directory).Select(e => e.Name).ToList();

    /// <inheritdoc />
    public IReadOnlyList<TargetEntry> ListEntries(string directory) =>
        _handles?.ListEntries(directory) ?? _portable!.ListEntries(directory);

    /// <inheritdoc />
    public void Dispose() => _handles?.Dispose();
}
