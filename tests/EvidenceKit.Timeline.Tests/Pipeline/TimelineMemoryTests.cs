using System.Globalization;
using System.Text;
using EvidenceKit.Testing;
using EvidenceKit.Timeline.Tests.Support;

namespace EvidenceKit.Timeline.Tests.Pipeline;

/// <summary>
/// The timeline's memory is bounded by its run buffer, not by its input: the real executable, measured by
/// /usr/bin/time -v, builds the timeline of a log whose events would take far more memory than the ceiling if they were
/// held (the sorter must spill and merge runs).
/// </summary>
public sealed class TimelineMemoryTests : IDisposable
{
    private const int InputMiB = 96;
    private const int CeilingMiB = 384;
    private readonly TempDirectory _root = new("ek-tlm-root-");
    private readonly TempDirectory _target = new("ek-tlm-target-");
    private readonly TempDirectory _out = new("ek-tlm-out-");

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _out.Dispose();
    }

    [SkippableFact]
    public void A_flood_of_access_log_lines_is_sorted_through_spilled_runs_with_peak_memory_under_the_ceiling()
    {
        Requires.Program("/usr/bin/time", "time");
        var lines = WriteAccessLog(_root.File("var/log/nginx/access.log"), InputMiB << 20);
        var bundle = TimelineRuns.Collect(_root.Path, _target.Path);
        var report = _out.File("time.txt");

        var run = Run.Tool("/usr/bin/time", ["-v", "-o", report, Run.ExecutablePath("evidencekit-verify"), "timeline", bundle, "--out", "/dev/null"],
            timeout: TimeSpan.FromMinutes(15));

        run.ExitCode.Should().Be(0, run.ToString());
        run.StdErr.Should().Contain($"wrote {lines} events from 1 of 1 files");
        // Held as objects, each of these events (a message, the original line and nine parsed fields) takes over 1 KiB:
        // half as much again as the ceiling in all. Only the run buffer (64 MiB of serialized events) may stay in memory.
        ((long)lines * 1024).Should().BeGreaterThan(3L * CeilingMiB << 19);
        var peakKiB = long.Parse(File.ReadAllLines(report).Single(l => l.Contains("Maximum resident set size", StringComparison.Ordinal)).Split(':')[1].Trim(),
            CultureInfo.InvariantCulture);
        peakKiB.Should().BeLessThan(CeilingMiB * 1024L, $"peak RSS was {peakKiB / 1024} MiB for {lines} events");
    }

    /// <summary>Writes distinct combined-format lines, out of time order, until the file holds <paramref name="bytes"/>; returns the line count.</summary>
    private static int WriteAccessLog(string path, long bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var count = 0;
        long written = 0;
        while (written < bytes)
        {
            var second = (int)((count * 7919L) % 86400);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"198.51.{count % 7}.{count % 251} - - [01/Dec/2026:{second / 3600:D2}:{second / 60 % 60:D2}:{second % 60:D2} +0000] \"GET /shop/item/{count} HTTP/1.1\" {(count % 3 == 0 ? 404 : 200)} {count % 99991} \"https://example.org/\" \"Mozilla/5.0 (X11; Linux x86_64)\"");
            writer.WriteLine(line);
            written += line.Length + 1;
            count++;
        }
        return count;
    }
}
