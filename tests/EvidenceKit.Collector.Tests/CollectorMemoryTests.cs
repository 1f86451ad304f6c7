using System.Globalization;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Testing;
using Xunit.Abstractions;

namespace EvidenceKit.Collector.Tests;

/// <summary>
/// Slow (a minute or two): the collector's plan is compact. 200,000 small files are collected by the real
/// evidencekit-collect, run as its own process, whose peak resident memory (the kernel's high-water mark of the child,
/// taken by getrusage through /usr/bin/time) stays under a ceiling. The files sit on a tmpfs so that the disk does not
/// set the run time.
/// </summary>
public sealed class CollectorMemoryTests : IDisposable
{
    private const int Files = 200_000;

    /// <summary>
    /// The ceiling. Per file the collector holds a fixed-size plan entry (48 bytes), the host path's bytes (28 bytes
    /// here, one an ASCII character), a slot in the set that keeps a file two patterns match from being taken twice
    /// (at most 8 bytes, while planning), two digests in the bag path mapper while planning, and the journal's 16-byte
    /// fingerprint while copying: about 100-150 bytes, 20-30 MiB for these files, beside the runtime's 40-60 MiB. The
    /// plan that held a PlannedFile, its strings and its metadata object for every file, and the bag path mapper's node
    /// per file, took 334 MiB here (1.15 GiB for a million). Measured with the plan as bytes: 103 MiB (2026-12-02, load
    /// about 35); 128 MiB fails once a file costs about 130 bytes more.
    /// </summary>
    private const long CeilingKiB = 128 * 1024;

    private readonly ScratchMount? _mount;
    private readonly string _reason;
    private readonly ITestOutputHelper _output;

    /// <summary>A tmpfs for the source and the bundle (200,000 files take a page each, twice).</summary>
    public CollectorMemoryTests(ITestOutputHelper output)
    {
        _output = output;
        _mount = ScratchMount.TryCreate("3g", null, out _reason);
    }

    public void Dispose() => _mount?.Dispose();

    [SkippableFact]
    public void A_200000_file_collection_runs_in_a_collector_process_whose_peak_memory_stays_under_the_ceiling()
    {
        Skip.If(_mount is null, _reason);
        File.Exists("/usr/bin/time").Should().BeTrue("/usr/bin/time (Debian package time) reports the child's peak memory; .ci/run installs it");
        var root = Path.Combine(_mount!.Path, "root");
        var target = Directory.CreateDirectory(Path.Combine(_mount.Path, "target")).FullName;
        var content = new byte[200];
        "203.0.113.9 - - [24/Nov/2026:03:13:02 +0000] \"GET /wp-login.php HTTP/1.1\" 404 153\n"u8.CopyTo(content);
        for (var i = 0; i < Files; i++)
        {
            var dir = Path.Combine(root, "srv", "logs", string.Create(CultureInfo.InvariantCulture, $"d{i / 1000:D4}"));
            if (i % 1000 == 0)
            {
                Directory.CreateDirectory(dir);
            }
            File.WriteAllBytes(Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"f{i:D7}.log")), content);
        }
        var profile = Path.Combine(_mount.Path, "profile.yaml");
        File.WriteAllText(profile, "name: profile\ndescription: test\ntargets:\n  - name: logs\n    description: logs\n    category: application\n    paths: [/srv/logs/**]\n");

                var run = Run.Tool("/usr/bin/time", ["-f", "peak-rss-kib=%M", Run.ExecutablePath("evidencekit-collect"),
            "--profile", profile, "--root", root, "--target", target, "--case", "MEM200K", "--quiet"], timeout: TimeSpan.FromMinutes(15));

        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Directory.GetDirectories(target).Should().ContainSingle().Subject;
        bundle.Should().NotEndWith(BundleLayout.PartialSuffix);
        File.ReadLines(Path.Combine(bundle, BundleLayout.FileRecords)).Count().Should().Be(Files, "every file is collected");
        File.ReadLines(Path.Combine(bundle, "manifest-sha256.txt")).Count().Should().Be(Files);
        var peak = long.Parse(run.StdErr.Split('\n').Last(l => l.StartsWith("peak-rss-kib=", StringComparison.Ordinal))["peak-rss-kib=".Length..],
            CultureInfo.InvariantCulture);
        _output.WriteLine($"peak RSS {peak / 1024} MiB for {Files} files");
        peak.Should().BeLessThan(CeilingKiB, $"the collector's peak resident memory was {peak / 1024} MiB for {Files} files");
    }
}
