namespace EvidenceKit.Targets.Sftp.Connection;

/// <summary>Turns a store-relative path into a server path under the root, refusing anything that could leave it.</summary>
internal static class RemotePath
{
    /// <summary>
    /// The server path of <paramref name="relative"/> under <paramref name="root"/> (an absolute server path).
    /// "" is the root itself.
    /// </summary>
    public static string Under(string root, string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        if (relative.Length == 0)
            return root;
        if (relative.StartsWith('/'))
            throw SftpErrors.PathInvalid(relative, "it must be relative to the store root");
        if (relative.Contains('\\', StringComparison.Ordinal) || relative.Contains('\0', StringComparison.Ordinal))
            throw SftpErrors.PathInvalid(relative, "backslashes and NUL are not allowed");
        var segments = relative.TrimEnd('/').Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
            throw SftpErrors.PathInvalid(relative, "empty, '.' and '..' segments are not allowed");
        return (root == "/" ? "" : root) + "/" + string.Join('/', segments);
    }

    /// <summary>The server paths from the first segment under the root down to <paramref name="relative"/> itself.</summary>
    public static IEnumerable<string> Chain(string root, string relative)
    {
        var full = Under(root, relative);
        if (relative.Length == 0)
            yield break;
        var start = (root == "/" ? 0 : root.Length) + 1;
        for (var slash = full.IndexOf('/', start); slash >= 0; slash = full.IndexOf('/', slash + 1))
            yield return full[..slash];
        yield return full;
    }
}
