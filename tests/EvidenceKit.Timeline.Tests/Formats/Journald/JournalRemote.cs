using System.Text;
using EvidenceKit.Testing;

namespace EvidenceKit.Timeline.Tests.Formats.Journald;

/// <summary>
/// Writes real journal files with systemd's own <c>systemd-journal-remote</c>, from a stream in the Journal
/// Export Format (https://systemd.io/JOURNAL_EXPORT_FORMATS: <c>NAME=value</c> lines, a blank line between entries).
/// </summary>
internal static class JournalRemote
{
    public const string Program = "/lib/systemd/systemd-journal-remote";

    public static bool Installed => File.Exists(Program);

    public static string Export(params IReadOnlyDictionary<string, string>[] entries)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            foreach (var (name, value) in entry)
            {
                text.Append(name).Append('=').Append(value).Append('\n');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Runs the tool and returns the journal file's bytes.</summary>
    public static byte[] Write(TempDirectory dir, string export, bool compress = true, bool compact = true, bool keyedHash = true)
    {
        var output = dir.File($"out-{Guid.NewGuid():N}.journal");
        var environment = new Dictionary<string, string?>
        {
            ["SYSTEMD_JOURNAL_COMPACT"] = compact ? "1" : "0",
            ["SYSTEMD_JOURNAL_KEYED_HASH"] = keyedHash ? "1" : "0",
        };
        var result = Run.Tool(Program, ["--output=" + output, "--compress=" + (compress ? "yes" : "no"), "-"],
            environment: environment, stdin: export, timeout: TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("systemd-journal-remote failed: " + result.StdErr);
        }
        return File.ReadAllBytes(output);
    }
}
