namespace EvidenceKit.Timeline.Output;

/// <summary>
/// The fixed field names of every timeline row (Timesketch's <c>message</c>, <c>datetime</c>, <c>timestamp</c>,
/// <c>timestamp_desc</c>, then provenance). A parsed field whose name clashes with one of these is written as
/// <c>field_NAME</c>.
/// </summary>
internal static class TimelineFieldNames
{
    public static IReadOnlyList<string> Fixed { get; } =
    [
        "message", "datetime", "timestamp", "timestamp_desc", "host", "parser", "bundle_id", "evidence_id", "bag_path",
        "source_path", "line", "offset", "evidence_sha256", "verdict", "original", "time_note",
    ];

    private static readonly HashSet<string> Reserved = new(Fixed.Append("other_fields"), StringComparer.Ordinal);

    /// <summary>The column or key a parsed field is written under.</summary>
    public static string Parsed(string name) => Reserved.Contains(name) ? "field_" + name : name;
}
