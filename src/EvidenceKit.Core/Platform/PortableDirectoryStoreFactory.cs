using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Platform;

/// <summary>Opens <see cref="PortableDirectoryStore"/>s on <paramref name="fileSystem"/> (in-memory file systems, systems without the *at() calls).</summary>
/// <param name="fileSystem">The file system the stores write through.</param>
public sealed class PortableDirectoryStoreFactory(IFileSystem fileSystem) : ITargetStoreFactory
{
    /// <inheritdoc />
    public ITargetStore OpenDirectory(string root) => new PortableDirectoryStore(fileSystem, root);
}
