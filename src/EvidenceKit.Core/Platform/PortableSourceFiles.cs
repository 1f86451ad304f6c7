using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Platform;

/// <summary>
/// Source access through <see cref="IFileSystem"/> only: used off Linux and in tests that inject faults with a
/// mock file system. It cannot preserve access times, and says so.
/// </summary>
public sealed class PortableSourceFiles(IFileSystem fileSystem) : ISourceFiles
{
    /// <inheritdoc />
    public SourceFileInfo? Stat(string path)
    {
        var info = fileSystem.FileInfo.New(path);
        if (info.Exists)
        {
            return Describe(info, info.LinkTarget is null ? FileKind.Regular : FileKind.Symlink, info.Length);
        }
        var dir = fileSystem.DirectoryInfo.New(path);
        return dir.Exists ? Describe(dir, dir.LinkTarget is null ? FileKind.Directory : FileKind.Symlink, 0) : null;
    }

    /// <inheritdoc />
    public SourceStream OpenRead(string path)
    {
        try
        {
            var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            var info = fileSystem.FileInfo.New(path);
            return new SourceStream(stream, AtimePreserved: false, Describe(info, FileKind.Regular, stream.Length));
        }
        catch (FileNotFoundException e)
        {
            throw new SourceFileException(path, "vanished before it could be read", SourceFault.Vanished, e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new SourceFileException(path, "vanished before it could be read", SourceFault.Vanished, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SourceFileException(path, "permission denied", SourceFault.PermissionDenied, e);
        }
        catch (IOException e) when (e is not SourceFileException)
        {
            throw new SourceFileException(path, e.Message, SourceFault.IoError, e);
        }
    }

    private static SourceFileInfo Describe(IFileSystemInfo info, FileKind kind, long size) => new()
    {
        Kind = kind,
        Size = size,
        ModifiedUtc = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero),
        AccessedUtc = new DateTimeOffset(info.LastAccessTimeUtc, TimeSpan.Zero),
        BirthUtc = OperatingSystem.IsWindows() ? new DateTimeOffset(info.CreationTimeUtc, TimeSpan.Zero) : null,
        LinkTarget = info.LinkTarget,
    };
}
