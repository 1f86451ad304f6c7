using System.ComponentModel;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Platform.Linux;

/// <summary>The one place where an errno from a source read becomes a <see cref="SourceFileException"/>.</summary>
internal static class SourceErrors
{
    public static SourceFileException From(int errno, string hostPath) => errno switch
    {
        LinuxNative.ENOENT => new SourceFileException(hostPath, "vanished before it could be read", SourceFault.Vanished),
        LinuxNative.EACCES or LinuxNative.EPERM => new SourceFileException(hostPath, "permission denied", SourceFault.PermissionDenied),
        LinuxNative.ELOOP => new SourceFileException(hostPath, "too many levels of symbolic links (a link loop)", SourceFault.Loop),
        LinuxNative.ENAMETOOLONG => new SourceFileException(hostPath, "name too long", SourceFault.NameTooLong),
        LinuxNative.ENOTDIR => new SourceFileException(hostPath, "a component of the path is not a directory", SourceFault.NotDirectory),
        ENXIO or ENODEV => new SourceFileException(hostPath, "not a regular file (a device or socket)", SourceFault.NotRegular),
        _ => new SourceFileException(hostPath, Describe(errno), SourceFault.IoError),
    };

    public static SourceFileException NotRegular(string hostPath, FileKind kind) =>
        new(hostPath, kind == FileKind.Symlink
                ? "became a symbolic link before it could be read (not followed)"
                : $"not a regular file ({FileKinds.Describe(kind)})",
            SourceFault.NotRegular);

    public static SourceFileException TooLarge(string hostPath, long size, int max) =>
        new(hostPath, $"larger than the {max}-byte limit for this read ({size} bytes or more)", SourceFault.TooLarge);

    public static string Describe(int errno) => $"{new Win32Exception(errno).Message} (errno {errno})";

    private const int ENXIO = 6;
    private const int ENODEV = 19;
}
