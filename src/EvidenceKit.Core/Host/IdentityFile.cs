using System.Text;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Profiles.Discovery;

namespace EvidenceKit.Core.Host;

/// <summary>
/// A small file that says who the collected system is (/etc/machine-id, os-release, /etc/passwd), read only through
/// the <see cref="ISourceFiles"/> port: a link is followed inside the root (Debian's /etc/os-release is one), only a
/// regular file is read, at most a given number of bytes, without touching its access time. Whatever stands in the
/// way (a FIFO, a device, a link out through "..", a file too large) is returned as a reason, never as content.
/// </summary>
internal static class IdentityFile
{
    /// <summary>
    /// The file's bytes; null when it is absent (<paramref name="unavailable"/> null) or cannot be read as an
    /// identity file (<paramref name="unavailable"/> says why, naming the host path).
    /// </summary>
    public static byte[]? Read(ISourceFiles source, string hostPath, int maxBytes, out string? unavailable)
    {
        unavailable = null;
        var links = new HostLinks(source);
        var resolved = links.Resolve(hostPath, out var problem);
        if (resolved is null)
        {
            unavailable = $"{hostPath} {problem}; not read";
            return null;
        }

        var info = links.Stat(resolved, out problem);
        if (info is null)
        {
            unavailable = problem is null ? null : $"{hostPath}: {problem}";
            return null;
        }

        if (info.Kind != FileKind.Regular)
        {
            unavailable = $"{hostPath} is a {FileKinds.Describe(info.Kind)}, not a regular file; not read";
            return null;
        }

        try
        {
            return source.ReadAll(resolved, maxBytes);
        }
        catch (SourceFileException e) when (e.Fault == SourceFault.TooLarge)
        {
            unavailable = $"{hostPath} is larger than {maxBytes} bytes; not read";
            return null;
        }
        catch (SourceFileException e)
        {
            unavailable = $"{hostPath}: {e.Reason}";
            return null;
        }
    }

    /// <summary>As <see cref="Read"/>, decoded as UTF-8 (invalid bytes become U+FFFD, so the manifest stays valid JSON text).</summary>
    public static string? ReadText(ISourceFiles source, string hostPath, int maxBytes, out string? unavailable) =>
        Read(source, hostPath, maxBytes, out unavailable) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
}
