using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Platform;

/// <summary>
/// Source access through <see cref="IFileSystem"/> only: used off Linux and in tests that inject faults with a
/// mock file system. It is NOT confined (host paths are joined to the root as text, links in the middle are
/// followed by the OS) and cannot preserve access times, and says so; production on Linux uses
/// the confined LinuxSourceFiles of EvidenceKit.Platform.Linux.
/// </summary>
public sealed class PortableSourceFiles(IFileSystem fileSystem, string root = "/") : ISourceFiles
{
    /// <inheritdoc />
    public string Root { get; } = root;

    /// <inheritdoc />
    public SourceFileInfo? Stat(string hostPath)
    {
        var path = Full(hostPath);
        var info = fileSystem.FileInfo.New(path);
        if (info.Exists)
        {
            return Describe(info, info.LinkTarget is null ? FileKind.Regular : FileKind.Symlink, info.Length);
        }
        var dir = fileSystem.DirectoryInfo.New(path);
        return dir.Exists ? Describe(dir, dir.LinkTarget is null ? FileKind.Directory : FileKind.Symlink, 0) : null;
    }

    /// <inheritdoc />
    public SourceStream OpenRead(string hostPath) => Guard(hostPath, () =>
    {
        var path = Full(hostPath);
        var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        var info = fileSystem.FileInfo.New(path);
        return new SourceStream(stream, AtimePreserved: false, Describe(info, FileKind.Regular, stream.Length));
    });

    /// <inheritdoc />
    public IReadOnlyList<SourceEntry> List(string hostDir) => Guard(hostDir, () =>
        fileSystem.DirectoryInfo.New(Full(hostDir)).EnumerateFileSystemInfos()
            .Select(e => new SourceEntry(e.Name,
                e.LinkTarget is not null ? FileKind.Symlink : e is IDirectoryInfo ? FileKind.Directory : FileKind.Regular))
            .ToList());

    /// <inheritdoc />
    public byte[] ReadAll(string hostPath, int maxBytes)
    {
        using var opened = OpenRead(hostPath);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = opened.Stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
            {
                throw new SourceFileException(hostPath, $"larger than the {maxBytes}-byte limit for this read", SourceFault.TooLarge);
            }
        }
        return buffer.ToArray();
    }

    private string Full(string hostPath) =>
        Root == "/" ? hostPath : fileSystem.Path.Join(Root, hostPath.TrimStart('/'));

    private static T Guard<T>(string hostPath, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (FileNotFoundException e)
        {
            throw new SourceFileException(hostPath, "vanished before it could be read", SourceFault.Vanished, e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new SourceFileException(hostPath, "vanished before it could be read", SourceFault.Vanished, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SourceFileException(hostPath, "permission denied", SourceFault.PermissionDenied, e);
        }
        catch (IOException e) when (e is not SourceFileException)
        {
            throw new SourceFileException(hostPath, e.Message, SourceFault.IoError, e);
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
