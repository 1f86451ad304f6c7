using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Platform.Linux;

/// <summary>Opens <see cref="LocalDirectoryStore"/>s: the bundle writer on a mounted file system, through directory handles.</summary>
public sealed class LocalDirectoryStoreFactory : ITargetStoreFactory
{
    /// <inheritdoc />
    public ITargetStore OpenDirectory(string root) => new LocalDirectoryStore(root);
}
