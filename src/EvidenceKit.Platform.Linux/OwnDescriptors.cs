using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// This process's /proc/self/fd, opened once (O_PATH): an O_PATH handle that has been proven to be a regular file is
/// re-opened for reading by its number in it, one lookup instead of a walk of /proc, self and fd per file. Where
/// /proc/self/fd cannot be opened, the full path /proc/self/fd/N is used. Either way the caller checks that what was
/// opened is the inode it proved; this class only saves the lookups. Shared by the source port and the bag snapshot.
/// </summary>
internal sealed class OwnDescriptors : IDisposable
{
    private readonly SafeFileHandle? _directory;

    public OwnDescriptors()
    {
        var fd = LinuxNative.OpenAtRaw(LinuxNative.AT_FDCWD, "/proc/self/fd\0"u8,
            LinuxNative.O_PATH | LinuxNative.SourceODirectory | LinuxNative.O_CLOEXEC);
        _directory = fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>
    /// Opens what <paramref name="pathFd"/> names with <paramref name="flags"/>; returns the new descriptor, or -1 with
    /// the errno left for <see cref="System.Runtime.InteropServices.Marshal.GetLastPInvokeError"/>.
    /// </summary>
    public int Reopen(int pathFd, int flags)
    {
        Span<byte> link = stackalloc byte[32];
        "/proc/self/fd/"u8.CopyTo(link);
        pathFd.TryFormat(link[14..], out var digits, provider: CultureInfo.InvariantCulture);
        link[14 + digits] = 0;
        return _directory is { } directory
            ? LinuxNative.OpenAtRaw(directory.DangerousGetHandle().ToInt32(), link[14..(15 + digits)], flags)
            : LinuxNative.OpenAtRaw(LinuxNative.AT_FDCWD, link[..(15 + digits)], flags);
    }

    public void Dispose() => _directory?.Dispose();
}
