namespace EvidenceKit.Core.Collection.Globbing;

/// <summary>Host paths are '/'-separated text; every other byte (a backslash too) belongs to a name.</summary>
internal static class HostPaths
{
    /// <summary>"/var/log" + "syslog" = "/var/log/syslog"; "/" + "etc" = "/etc".</summary>
    public static string Join(string directory, string relative) =>
        relative.Length == 0 ? directory : directory.TrimEnd('/') + "/" + relative.TrimStart('/');

    /// <summary>
    /// The host path of <paramref name="fullPath"/>, a path on this machine, when it lies under <paramref name="root"/>;
    /// null when it does not. Text only: used to recognise the target directory, never to read.
    /// </summary>
    public static string? FromFull(string root, string fullPath)
    {
        var trimmedRoot = root.TrimEnd('/');
        if (trimmedRoot.Length == 0)
        {
            return fullPath;
        }
        if (fullPath == trimmedRoot)
        {
            return "/";
        }
        return fullPath.StartsWith(trimmedRoot + "/", StringComparison.Ordinal) ? fullPath[trimmedRoot.Length..] : null;
    }
}
