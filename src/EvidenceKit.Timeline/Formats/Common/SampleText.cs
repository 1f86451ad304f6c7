using System.Text;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>What <c>Fits</c> methods look at: the sample's head as text, its first lines, and its name.</summary>
internal static class SampleText
{
    /// <summary>The head decoded as UTF-8 (invalid bytes replaced).</summary>
    public static string Head(LogSample sample) => Encoding.UTF8.GetString(sample.Head.Span);

    /// <summary>The head's first complete lines (the last partial line of the head is left out unless it is the only one).</summary>
    public static IReadOnlyList<string> Lines(LogSample sample, int max = 8)
    {
        var text = Head(sample);
        var lines = text.Split('\n');
        var complete = lines.Length > 1 ? lines[..^1] : lines;
        return complete.Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(max).ToArray();
    }

    /// <summary>The first non-blank line of the head, or an empty string.</summary>
    public static string FirstLine(LogSample sample) => Lines(sample, 1).FirstOrDefault() ?? string.Empty;

    /// <summary>True when the file's name (suffixes already removed) is one of <paramref name="names"/>, ignoring case.</summary>
    public static bool NameIs(LogSample sample, params string[] names) =>
        names.Any(n => string.Equals(sample.FileName, n, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the file's name contains <paramref name="part"/>, ignoring case.</summary>
    public static bool NameHas(LogSample sample, string part) =>
        sample.FileName.Contains(part, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the source path contains <paramref name="part"/>, ignoring case.</summary>
    public static bool PathHas(LogSample sample, string part) =>
        sample.SourcePath.Contains(part, StringComparison.OrdinalIgnoreCase);
}
