using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Platform;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// Linux: statx(AT_SYMLINK_NOFOLLOW) for the file type only, through the same native call the collector uses.
/// Elsewhere the answer is "not special": the verifier never opens an empty file anyway, so an unrecognised FIFO
/// can still never be opened.
/// </summary>
internal sealed class NativeFileTypeProbe : IFileTypeProbe
{
    public bool IsSpecial(string fullPath)
    {
        if (!OperatingSystem.IsLinux()
            || LinuxNative.Statx(LinuxNative.AT_FDCWD, fullPath, LinuxNative.AT_SYMLINK_NOFOLLOW, LinuxNative.STATX_BASIC_STATS, out var buffer) != 0)
        {
            return false;
        }
        return FileKinds.FromMode(buffer.Mode) is not (FileKind.Regular or FileKind.Directory or FileKind.Symlink);
    }
}
