using EvidenceKit.Core.Abstractions;
using DirectoryInfoBase = Microsoft.Extensions.FileSystemGlobbing.Abstractions.DirectoryInfoBase;
using FileInfoBase = Microsoft.Extensions.FileSystemGlobbing.Abstractions.FileInfoBase;
using FileSystemInfoBase = Microsoft.Extensions.FileSystemGlobbing.Abstractions.FileSystemInfoBase;

namespace EvidenceKit.Core.Collection.Globbing;

/// <summary>
/// Lets Microsoft.Extensions.FileSystemGlobbing walk the source through the <see cref="ISourceFiles"/> port, by host
/// path. Entries are what the directory itself says (no link followed): a symbolic link, FIFO or device is offered
/// as a file for the planner to record, and only real directories are descended into, so a link loop cannot hang
/// the walk and no link leads out. A directory that cannot be listed is reported through <c>onError</c>, not thrown.
/// </summary>
internal sealed class PortDirectoryInfo(
    ISourceFiles source, string hostPath, PortDirectoryInfo? parent, Action<string, SourceFileException> onError)
    : DirectoryInfoBase
{
    /// <summary>The path listed for this directory; the walk's base may be given as "base/." to resolve a link it names.</summary>
    public string? ListPath { get; init; }

    public override string Name => hostPath.Length > 1 ? hostPath[(hostPath.LastIndexOf('/') + 1)..] : hostPath;

    public override string FullName => hostPath;

    public override DirectoryInfoBase? ParentDirectory => parent;

    public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
    {
        IReadOnlyList<SourceEntry> entries;
        try
        {
            entries = source.List(ListPath ?? hostPath);
        }
        catch (SourceFileException e)
        {
            onError(hostPath, e);
            yield break;
        }

        foreach (var entry in entries)
        {
            var child = HostPaths.Join(hostPath, entry.Name);
            yield return entry.Kind == FileKind.Directory
                ? new PortDirectoryInfo(source, child, this, onError)
                : new PortFileInfo(entry.Name, child, this);
        }
    }

    public override DirectoryInfoBase GetDirectory(string path) =>
        new PortDirectoryInfo(source, HostPaths.Join(hostPath, path), this, onError);

    public override FileInfoBase GetFile(string path) =>
        new PortFileInfo(path[(path.LastIndexOf('/') + 1)..], HostPaths.Join(hostPath, path), this);
}
