using System.Globalization;

namespace EvidenceKit.Verifier.Timeline;

/// <summary>What the user asked of <c>evidencekit-verify timeline</c>, before anything is read.</summary>
internal sealed record TimelineSettings
{
    /// <summary>The output formats.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["jsonl", "csv", "bodyfile"];

    public required IReadOnlyList<string> Bundles { get; init; }

    public required string? OutPath { get; init; }

    public string Format { get; init; } = "jsonl";

    public string? Since { get; init; }

    public string? Until { get; init; }

    public bool Force { get; init; }

    public bool IncludeUnparsed { get; init; }

    public bool Summary { get; init; }

    public bool Json { get; init; }

    public bool CorrectClock { get; init; }

    public required TrustSettings Trust { get; init; }

    /// <summary>--since as an instant (a time without a zone is UTC).</summary>
    public DateTimeOffset? SinceTime => ParseTime(Since);

    /// <summary>--until as an instant (a date alone means the end of that day, UTC).</summary>
    public DateTimeOffset? UntilTime => ParseTime(Until) is { } until && Until!.Length == 10 ? until.AddDays(1).AddTicks(-1) : ParseTime(Until);

    /// <summary>One sentence on what is wrong with the arguments, or null.</summary>
    public string? Validate()
    {
        if (Bundles.Count == 0)
        {
            return "Give at least one bundle directory.";
        }
        if (string.IsNullOrWhiteSpace(OutPath))
        {
            return "Give the file to write with --out FILE.";
        }
        if (!Formats.Contains(Format))
        {
            return $"--format must be one of {string.Join(", ", Formats)}.";
        }
        foreach (var (option, text) in new[] { ("--since", Since), ("--until", Until) })
        {
            if (text is not null && ParseTime(text) is null)
            {
                return $"{option} '{text}' is not a date or time (ISO 8601, e.g. 2026-12-01 or 2026-12-01T10:00:00Z).";
            }
        }
        if (SinceTime is { } since && UntilTime is { } until && since > until)
        {
            return "--since is after --until.";
        }
        if (Json && !Summary)
        {
            return "--json only applies to --summary.";
        }
        if (Trust.Validate() is { } problem)
        {
            return problem;
        }
        var full = Path.GetFullPath(OutPath);
        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            return $"--out {OutPath}: the folder it would be written to does not exist.";
        }
        if (Directory.Exists(full))
        {
            return $"--out {OutPath} is a directory; give a file name.";
        }
        foreach (var bundle in Bundles)
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(bundle)) + Path.DirectorySeparatorChar;
            if (full.StartsWith(root, StringComparison.Ordinal))
            {
                return $"--out {OutPath} is inside the bundle {bundle}; the verifier never writes into a bundle, so write it elsewhere.";
            }
        }
        return null;
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
