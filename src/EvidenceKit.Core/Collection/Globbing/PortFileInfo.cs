using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace EvidenceKit.Core.Collection.Globbing;

/// <summary>A non-directory entry for <see cref="PortDirectoryInfo"/> (a file, link or special file), by host path.</summary>
internal sealed class PortFileInfo(string name, string hostPath, DirectoryInfoBase parent) : FileInfoBase
{
    public override string Name => name;

    public override string FullName => hostPath;

    public override DirectoryInfoBase ParentDirectory => parent;
}
