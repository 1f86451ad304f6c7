using System.IO.Abstractions;

namespace EvidenceKit.Core.Verification.Snapshot;

/// <summary>Reads bags through <see cref="IFileSystem"/> (in-memory file systems, systems without the Linux handle calls).</summary>
/// <param name="fileSystem">The file system the bags are on.</param>
public sealed class PortableBagFilesFactory(IFileSystem fileSystem) : IBagFilesFactory
{
    /// <inheritdoc />
    public IBagFiles Open(string root) => new PortableBagFiles(fileSystem, root);
}
