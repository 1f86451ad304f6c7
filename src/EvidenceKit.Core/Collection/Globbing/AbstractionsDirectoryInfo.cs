using System.IO.Abstractions;
using DirectoryInfoBase = Microsoft.Extensions.FileSystemGlobbing.Abstractions.DirectoryInfoBase;
using FileInfoBase = Microsoft.Extensions.FileSystemGlobbing.Abstractions.FileInfoBase;
using FileSystemInfoBase = Microsoft.Extensions.FileSystemGlobbing.Abstractions.FileSystemInfoBase;

namespace EvidenceKit.Core.Collection.Globbing;

/// <summary>
/// Lets Microsoft.Extensions.FileSystemGlobbing walk an <see cref="IFileSystem"/>. Symbolic links are never
/// descended into (so a link loop cannot hang the walk and no link leads out of the profile's roots): a link is
/// offered as a file, and the planner records it. Unreadable directories are reported, not thrown.
/// </summary>
internal sealed class AbstractionsDirectoryInfo(IFileSystem fs, string fullName, AbstractionsDirectoryInfo? parent, Action<string, Exception> onError)
    : DirectoryInfoBase
{
    public override string Name => fs.Path.GetFileName(fullName.TrimEnd('/')) is { Length: > 0 } n ? n : fullName;

    public override string FullName => fullName;

    public override DirectoryInfoBase? ParentDirectory => parent;

    public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
    {
        IEnumerable<IFileSystemInfo> entries;
        try
        {
            entries = fs.DirectoryInfo.New(fullName).EnumerateFileSystemInfos().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            onError(fullName, e);
            yield break;
        }

        foreach (var entry in entries)
        {
            var isDirectory = entry is IDirectoryInfo && entry.LinkTarget is null;
            if (isDirectory)
            {
                yield return new AbstractionsDirectoryInfo(fs, entry.FullName, this, onError);
            }
            else
            {
                yield return new AbstractionsFileInfo(entry.Name, entry.FullName, this);
            }
        }
    }

    public override DirectoryInfoBase GetDirectory(string path) =>
        new AbstractionsDirectoryInfo(fs, fs.Path.Combine(fullName, path), this, onError);

    public override FileInfoBase GetFile(string path) =>
        new AbstractionsFileInfo(fs.Path.GetFileName(path), fs.Path.Combine(fullName, path), this);
}
