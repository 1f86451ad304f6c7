using System.Text.RegularExpressions;

namespace EvidenceKit.Timeline.Reading;

/// <summary>
/// A rotated or compressed log's base name: <c>access.log.2.gz</c>, <c>syslog-20261201.xz</c> and <c>auth.log.1</c>
/// are <c>access.log</c>, <c>syslog</c> and <c>auth.log</c>, the name a parser recognises.
/// </summary>
internal static partial class LogNames
{
    private static readonly string[] CompressionSuffixes = [".gz", ".xz", ".zst", ".bz2"];

    /// <summary>The base name of <paramref name="path"/> with compression and rotation suffixes removed (at most a few of each).</summary>
    public static string BaseName(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        for (var round = 0; round < 4; round++)
        {
            var before = name;
            foreach (var suffix in CompressionSuffixes)
            {
                if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    name = name[..^suffix.Length];
                }
            }
            name = Rotation().Replace(name, "");
            if (name == before || name.Length == 0)
            {
                break;
            }
        }
        return name.Length == 0 ? path[(path.LastIndexOf('/') + 1)..] : name;
    }

    [GeneratedRegex(@"(?<=.)(\.[0-9]{1,4}|[-.][0-9]{8}(-?[0-9]{2,6})?|\.old)$")]
    private static partial Regex Rotation();
}
