using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Platform.Linux;

/// <summary>Reads bags through directory handles (<see cref="LinuxBagFiles"/>): no link followed, no FIFO or device opened.</summary>
public sealed class LinuxBagFilesFactory : IBagFilesFactory
{
    /// <inheritdoc />
    public IBagFiles Open(string root) => OperatingSystem.IsLinux()
        ? LinuxBagFiles.Open(root)
        : throw new PlatformNotSupportedException("Bags are read through Linux directory handles; use PortableBagFilesFactory elsewhere.");
}
