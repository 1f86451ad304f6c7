using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace EvidenceKit.Core.Collection.Globbing;

/// <summary>A file entry for <see cref="AbstractionsDirectoryInfo"/>.</summary>
internal sealed class AbstractionsFileInfo(string name, string fullName, DirectoryInfoBase parent) : FileInfoBase
{
    public override string Name => name;

    public override string FullName => fullName;

    public override DirectoryInfoBase ParentDirectory => parent;
}
