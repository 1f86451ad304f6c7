using System.Text.Json;
using EvidenceKit.Testing;

namespace EvidenceKit.Timeline.Tests.Support;

/// <summary>
/// Runs the real executables for timeline tests: evidencekit-collect makes a bundle from a tree (analysis mode unless
/// told), evidencekit-verify timeline turns bundles into a timeline; the JSONL it writes is read back as documents.
/// </summary>
internal static class TimelineRuns
{
    private static int _runs;

    /// <summary>Collects <paramref name="root"/> with <paramref name="profile"/> into a new bundle under <paramref name="target"/> and returns its path.</summary>
    public static string Collect(string root, string target, string profile = "linux-web-nginx", string? zone = null, params string[] extra)
    {
        // Each run gets a folder of its own: two collections of one case in the same second would name the same bundle.
        target = Path.Combine(target, $"run-{Interlocked.Increment(ref _runs)}");
        Directory.CreateDirectory(target);
        var environment = zone is null ? null : new Dictionary<string, string?> { ["TZ"] = zone };
        var run = Run.Executable("evidencekit-collect", ["--profile", profile, "--root", root, "--target", target, "--case", "TL-1", .. extra],
            environment: environment, timeout: TimeSpan.FromMinutes(3));
        run.ExitCode.Should().BeOneOf([0, 3], run.ToString());
        return Directory.GetDirectories(target).Single();
    }

    /// <summary>Runs <c>evidencekit-verify timeline</c> with <paramref name="args"/>.</summary>
    public static ProcessResult Timeline(params string[] args) =>
        Run.Executable("evidencekit-verify", ["timeline", .. args], timeout: TimeSpan.FromMinutes(3));

    /// <summary>Every line of a JSONL timeline, parsed.</summary>
    public static List<JsonElement> ReadJsonl(string path) =>
        File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    /// <summary>A string field of an event, or null.</summary>
    public static string? Text(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;
}
