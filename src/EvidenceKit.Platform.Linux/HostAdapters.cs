using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Platform;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// The one place the executables pick their adapters: the Linux ones (directory handles, openat2, O_NOATIME) where
/// they work, the portable ones over <see cref="IFileSystem"/> elsewhere.
/// </summary>
public static class HostAdapters
{
    /// <summary>The source port on <paramref name="root"/> ("/" for this machine).</summary>
    public static ISourceFiles SourceFiles(IFileSystem fileSystem, string root) =>
        LinuxSourceFiles.IsSupported ? new LinuxSourceFiles(root) : new PortableSourceFiles(fileSystem, root);

    /// <summary>Opens the bundle writer on directories of mounted file systems.</summary>
    public static ITargetStoreFactory TargetStores(IFileSystem fileSystem) =>
        LocalDirectoryStore.IsSupported ? new LocalDirectoryStoreFactory() : new PortableDirectoryStoreFactory(fileSystem);

    /// <summary>Opens bags for the verifier's one snapshot.</summary>
    public static IBagFilesFactory BagFiles(IFileSystem fileSystem) =>
        OperatingSystem.IsLinux() ? new LinuxBagFilesFactory() : new PortableBagFilesFactory(fileSystem);
}
