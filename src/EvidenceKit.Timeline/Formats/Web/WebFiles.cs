using System.Text;

namespace EvidenceKit.Timeline.Formats.Web;

/// <summary>What the web parsers share when judging a file: which server wrote it (by path), and a look at its first lines.</summary>
internal static class WebFiles
{
    /// <summary><c>nginx</c>, <c>apache</c> or <c>web</c>: the server family the path names.</summary>
    public static string Family(string sourcePath)
    {
        var path = sourcePath.ToLowerInvariant();
        return path.Contains("nginx", StringComparison.Ordinal) ? "nginx"
            : path.Contains("apache", StringComparison.Ordinal) || path.Contains("httpd", StringComparison.Ordinal) ? "apache"
            : "web";
    }

    /// <summary>
    /// True when at least half of the first complete non-empty lines of <paramref name="head"/> (up to five) satisfy
    /// <paramref name="matches"/>: a stray bad line does not hide a log from its parser (it is counted as unparsed).
    /// </summary>
    public static bool FirstLinesMatch(ReadOnlyMemory<byte> head, Func<string, bool> matches)
    {
        var text = Encoding.UTF8.GetString(head.Span);
        var lines = text.Split('\n');
        // The last piece may be cut by the 4 KiB sample; judge it only when it is the only one.
        var complete = lines.Length > 1 ? lines[..^1] : lines;
        var judged = complete.Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(5).ToList();
        var matching = judged.Count(matches);
        return matching > 0 && matching * 2 >= judged.Count;
    }
}
