using System.Runtime.Versioning;
using EvidenceKit.Core.Verification.Snapshot;
using EvidenceKit.Platform.Linux;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// One bundle directory of a folder, held open by its own handle (opened relative to the folder's handle with
/// O_DIRECTORY | O_NOFOLLOW). The verifier's snapshot is taken from this handle, whatever the path says by then: an
/// entry renamed away, or swapped for a link to another bundle after it was opened, cannot change what is verified.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class PinnedBundle(SafeFileHandle directory) : IBagFilesFactory, IDisposable
{
    /// <summary>Opens the held directory for the snapshot; <paramref name="root"/> only names it in messages.</summary>
    /// <remarks>
    /// /proc/self/fd/N is the kernel's own link to the open file: resolving it reopens the very directory this handle
    /// holds (by inode, not by name), so the bag reader's one walk starts from it.
    /// </remarks>
    public IBagFiles Open(string root) => LinuxBagFiles.Open($"/proc/self/fd/{directory.DangerousGetHandle()}");

    public void Dispose() => directory.Dispose();
}
