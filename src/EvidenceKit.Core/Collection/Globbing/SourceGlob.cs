namespace EvidenceKit.Core.Collection.Globbing;

/// <summary>
/// A profile path split into the part that names a fixed directory and the part a glob matcher walks.
/// Linux paths keep their case; Windows paths ("C:\inetpub\...") are matched case-insensitively from the root,
/// because an NTFS image mounted on Linux keeps its mixed-case names.
/// </summary>
/// <param name="Original">The pattern as written in the profile.</param>
/// <param name="BaseDirectory">Host path of the fixed part, '/'-separated, starting with '/'.</param>
/// <param name="Pattern">The rest, relative to <paramref name="BaseDirectory"/>, for Microsoft.Extensions.FileSystemGlobbing.</param>
/// <param name="IgnoreCase">True for Windows paths.</param>
internal sealed record SourceGlob(string Original, string BaseDirectory, string Pattern, bool IgnoreCase)
{
    private static readonly char[] Wildcards = ['*', '?', '[', '{'];
    private static readonly char[] WindowsSeparators = ['\\', '/'];

    /// <summary>Parses an absolute Linux or Windows path pattern.</summary>
    public static SourceGlob Parse(string pattern)
    {
        var windows = IsWindowsPath(pattern);
        if (!windows && !pattern.StartsWith('/'))
        {
            throw new ArgumentException($"Profile paths must be absolute: '{pattern}'.", nameof(pattern));
        }

        // Only a Windows pattern's own text uses '\\' as a separator; in a Linux pattern (and in every name read
        // from the source) a backslash is an ordinary byte of a name.
        var parts = windows
            ? pattern[2..].Split(WindowsSeparators, StringSplitOptions.RemoveEmptyEntries)
            : pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fixedCount = 0;
        if (!windows)
        {
            while (fixedCount < parts.Length - 1 && parts[fixedCount].IndexOfAny(Wildcards) < 0)
            {
                fixedCount++;
            }
        }
        var rest = parts.Skip(fixedCount).ToList();
        if (rest.Count > 0 && rest[^1] == "**")
        {
            rest.Add("*");
        }
        var baseDir = "/" + string.Join('/', parts.Take(fixedCount));
        return new SourceGlob(pattern, baseDir, string.Join('/', rest), windows);
    }

    /// <summary>True for "C:\..." or "C:/..." patterns.</summary>
    public static bool IsWindowsPath(string pattern) =>
        pattern.Length >= 3 && char.IsAsciiLetter(pattern[0]) && pattern[1] == ':' && pattern[2] is '\\' or '/';

    /// <summary>The pattern made relative to "/" for exclude matching ("**/*.tmp" stays as it is).</summary>
    public static string ToRootRelative(string pattern)
    {
        return IsWindowsPath(pattern)
            ? string.Join('/', pattern[2..].Split(WindowsSeparators, StringSplitOptions.RemoveEmptyEntries))
            : pattern.TrimStart('/');
    }
}
