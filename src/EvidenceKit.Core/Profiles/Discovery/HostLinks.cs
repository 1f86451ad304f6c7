using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>
/// Follows symbolic links in a host path the way a chroot would, asking only the <see cref="ISourceFiles"/> port:
/// an absolute link starts again at the root, a relative one at its directory, and one that climbs above the root
/// with ".." is refused (a configuration that points outside the image is worth a warning). The result is a host
/// path for the port, which opens it confined to the root whatever happens to the links in between.
/// </summary>
internal sealed class HostLinks(ISourceFiles source)
{
    /// <summary>Most links followed for one path before it counts as a loop (as the kernel's ELOOP).</summary>
    public const int MaxLinks = 40;

    /// <summary>Collapses "." and ".." in an absolute host path; null when ".." climbs above "/".</summary>
    public static string? Normalize(string hostPath)
    {
        var parts = new List<string>();
        foreach (var part in hostPath.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>The host path with every symbolic link followed inside the root; null (with a reason) when that fails.</summary>
    public string? Resolve(string hostPath, out string? problem)
    {
        problem = null;
        var pending = new LinkedList<string>(hostPath.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var resolved = new List<string>();
        var links = 0;
        while (pending.First is { } first)
        {
            var part = first.Value;
            pending.RemoveFirst();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count == 0)
                {
                    problem = "leaves the root through '..'";
                    return null;
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            var target = LinkTarget("/" + string.Join('/', resolved.Append(part)));
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }

            if (++links > MaxLinks)
            {
                problem = "has too many levels of symbolic links";
                return null;
            }

            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var linkPart in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.AddFirst(linkPart);
            }
        }

        return "/" + string.Join('/', resolved);
    }

    /// <summary>The metadata of a resolved host path; null when absent or when it cannot even be looked at.</summary>
    public SourceFileInfo? Stat(string resolvedHostPath, out string? problem)
    {
        problem = null;
        try
        {
            return source.Stat(resolvedHostPath);
        }
        catch (SourceFileException e)
        {
            problem = e.Reason;
            return null;
        }
    }

    private string? LinkTarget(string hostPath)
    {
        try
        {
            return source.Stat(hostPath) is { Kind: FileKind.Symlink } info ? info.LinkTarget : null;
        }
        catch (SourceFileException)
        {
            // Not looked at here: reading the path reports why.
            return null;
        }
    }
}
