using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Platform;

/// <summary>A target store on a mounted file system: a USB stick, a disk, a mounted share.</summary>
public sealed class LocalDirectoryStore : ITargetStore
{
    private const long Fat32MaxFile = 4L * 1024 * 1024 * 1024 - 1;
    private readonly IFileSystem _fs;
    private readonly string _root;

    /// <summary>Uses <paramref name="root"/> (which must exist) as the store's root.</summary>
    public LocalDirectoryStore(IFileSystem fileSystem, string root)
    {
        _fs = fileSystem;
        _root = fileSystem.Path.GetFullPath(root);
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
    public bool Exists(string path)
    {
        var full = Full(path);
        return _fs.File.Exists(full) || _fs.Directory.Exists(full);
    }

    /// <inheritdoc />
    public void CreateDirectory(string path) => _fs.Directory.CreateDirectory(Full(path));

    /// <inheritdoc />
    public Stream Create(string path) =>
        _fs.FileStream.New(Full(path), FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);

    /// <inheritdoc />
    public Stream OpenAppend(string path) =>
        _fs.FileStream.New(Full(path), FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);

    /// <inheritdoc />
    public Stream OpenRead(string path) =>
        _fs.FileStream.New(Full(path), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    /// <inheritdoc />
    public long? GetLength(string path)
    {
        var info = _fs.FileInfo.New(Full(path));
        return info.Exists ? info.Length : null;
    }

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
    public void DropCache(string path)
    {
        if (!OperatingSystem.IsLinux() || _fs is not FileSystem)
        {
            return;
        }
        // Ask the kernel to forget the cached pages, so the re-read check reads the device, not memory.
        using var handle = File.OpenHandle(Full(path), FileMode.Open, FileAccess.Read);
        _ = LinuxNative.PosixFadvise((int)handle.DangerousGetHandle(), 0, 0, LinuxNative.POSIX_FADV_DONTNEED);
    }

    /// <inheritdoc />
    public void Move(string from, string to)
    {
        var source = Full(from);
        var dest = Full(to);
        if (_fs.File.Exists(dest) || _fs.Directory.Exists(dest))
        {
            throw new IOException($"Cannot rename to {dest}: it already exists.");
        }
        if (_fs.Directory.Exists(source))
        {
            _fs.Directory.Move(source, dest);
        }
        else
        {
            _fs.File.Move(source, dest);
        }
    }

    /// <inheritdoc />
    public void DeleteFile(string path) => _fs.File.Delete(Full(path));

    /// <inheritdoc />
    public IReadOnlyList<string> List(string directory)
    {
        var full = Full(directory);
        if (!_fs.Directory.Exists(full))
        {
            return [];
        }
        return _fs.Directory.EnumerateFileSystemEntries(full).Select(p => _fs.Path.GetFileName(p)).ToList();
    }

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
        return path.Length == 0 ? _root : _fs.Path.Combine(_root, path.TrimStart('/'));
    }
}
