namespace EvidenceKit.Core.Bundles;

/// <summary>
/// What a path read from a bundle (a manifest line, a manifest.json record, a journal line) must look like before
/// the verifier will touch it: relative, '/' separated, no '.', '..' or empty components, no backslash, no colon
/// (drive letters, NTFS streams), no NUL or other control characters.
/// </summary>
internal static class BagPathRules
{
    /// <summary>Why <paramref name="bagPath"/> is unsafe, or null when it is a plain relative path inside the bag.</summary>
    public static string? Problem(string bagPath) => IsPlain(bagPath) ? null : Explain(bagPath);

    /// <summary>
    /// One pass, no allocation, for the paths of a large bag (three times each in a verify): true only when every rule
    /// of <see cref="Explain"/> holds; false sends the path to it, which names the first rule broken.
    /// </summary>
    private static bool IsPlain(string bagPath)
    {
        if (bagPath.Length == 0 || bagPath[0] == '/')
        {
            return false;
        }
        var start = 0;
        for (var i = 0; i <= bagPath.Length; i++)
        {
            var c = i < bagPath.Length ? bagPath[i] : '/';
            if (c == '/')
            {
                var length = i - start;
                if (length == 0 || (length <= 2 && bagPath[start] == '.' && (length == 1 || bagPath[start + 1] == '.')))
                {
                    return false;
                }
                start = i + 1;
            }
            else if (c is '\\' or ':' || char.IsControl(c))
            {
                return false;
            }
        }
        return true;
    }

    private static string? Explain(string bagPath)
    {
        if (bagPath.Length == 0)
        {
            return "is empty";
        }
        if (bagPath.Any(char.IsControl))
        {
            return "contains a control character";
        }
        if (bagPath.Contains('\\', StringComparison.Ordinal))
        {
            return "contains a backslash";
        }
        if (bagPath[0] == '/')
        {
            return "is absolute";
        }
        if (bagPath.Length >= 2 && char.IsAsciiLetter(bagPath[0]) && bagPath[1] == ':')
        {
            return "starts with a drive letter";
        }
        if (bagPath.Contains(':', StringComparison.Ordinal))
        {
            return "contains ':' (a drive or stream separator on Windows)";
        }
        foreach (var component in bagPath.Split('/'))
        {
            switch (component)
            {
                case "":
                    return "has an empty component";
                case ".":
                    return "has a '.' component";
                case "..":
                    return "has a '..' component (escapes its folder)";
            }
        }
        return null;
    }

    /// <summary>True when <paramref name="bagPath"/> names something under data/.</summary>
    public static bool IsPayload(string bagPath) =>
        bagPath.StartsWith(BundleLayout.DataDir + "/", StringComparison.Ordinal);
}
