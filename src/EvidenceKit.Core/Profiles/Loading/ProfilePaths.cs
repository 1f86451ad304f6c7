using System.Text.RegularExpressions;

namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>Rules for the path forms a profile may use: absolute Linux paths or Windows drive paths.</summary>
internal static partial class ProfilePaths
{
    public static bool IsLinuxAbsolute(string path) => path.StartsWith('/');

    public static bool IsWindowsDrivePath(string path) => WindowsDrive().IsMatch(path);

    public static bool IsAbsolute(string path) => IsLinuxAbsolute(path) || IsWindowsDrivePath(path);

    public static bool HasDotDot(string path) => path.Split('/', '\\').Any(part => part == "..");

    /// <summary>A file name or path that the catalog treats as a file rather than a profile name.</summary>
    public static bool LooksLikeFile(string nameOrPath) =>
        nameOrPath.Contains('/', StringComparison.Ordinal)
        || nameOrPath.Contains('\\', StringComparison.Ordinal)
        || nameOrPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex WindowsDrive();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
