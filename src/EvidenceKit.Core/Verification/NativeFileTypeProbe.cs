using System.Runtime.InteropServices;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// Linux: statx(AT_SYMLINK_NOFOLLOW) for the file type only. struct statx has one layout on every Linux
/// architecture, so no per-architecture struct is needed. Elsewhere the answer is "not special": the verifier
/// never opens an empty file anyway, so an unrecognised FIFO can still never be opened.
/// </summary>
internal sealed class NativeFileTypeProbe : IFileTypeProbe
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28;
    private const int StatxSize = 256;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int LinkType = 0xA000;

    public bool IsSpecial(string fullPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, fullPath, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return false;
        }
        var type = BitConverter.ToUInt16(buffer, StatxModeOffset) & TypeMask;
        return type is not RegularType and not DirectoryType and not LinkType;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
