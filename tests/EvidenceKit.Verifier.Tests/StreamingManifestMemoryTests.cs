using System.Globalization;
using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// Slow (about a minute): the streaming manifest is bounded. A 200,000-file bundle sealed by the real sealer over real
/// files is verified VALID by the real evidencekit-verify, run as its own process, whose peak resident memory (the
/// kernel's high-water mark of the child, as /proc/PID/status VmHWM reports it, taken by getrusage through
/// /usr/bin/time) stays under a ceiling. Before schema v3 the same bundle took over 1 GB.
/// </summary>
public sealed class StreamingManifestMemoryTests : IDisposable
{
    private const int Files = 200_000;

    /// <summary>
    /// The ceiling. The verifier holds per file a fixed-size snapshot entry and its path in UTF-8 (about 80 bytes here),
    /// a compact manifest line (entry number, digest bytes, line number: about 45 bytes) and a few bytes of flags, and
    /// nothing for a file that verifies: measured 112 MiB for this bundle (the runtime alone takes about 35 MiB), and
    /// 231 MiB for a million files. The whole-manifest verifier took 1.04 GB here and the one before this ceiling 418 MiB
    /// (about 1.5 KB a file); 192 MiB fails once a file costs about twice what it does now (some 800 bytes with the
    /// garbage collector's slack).
    /// </summary>
    private const long CeilingKiB = 192 * 1024;

    private readonly TempDirectory _dir = new("ek-200k-");

    public void Dispose() => _dir.Dispose();

    private sealed class NoLog : IAcquisitionLog
    {
        public void Attach(Stream stream) => stream.Dispose();

        public void Detach()
        {
        }
    }

    private static IEnumerable<FileRecord> WritePayload(string partial)
    {
        var content = "203.0.113.9 GET /wp-login.php 404\n"u8.ToArray();
        var sha = Core.Text.Hex.Sha256(content);
        for (var i = 0; i < Files; i++)
        {
            var dir = string.Create(CultureInfo.InvariantCulture, $"data/var/log/app/d{i / 1000:D4}");
            if (i % 1000 == 0)
            {
                Directory.CreateDirectory(Path.Combine(partial, dir));
            }
            var bagPath = string.Create(CultureInfo.InvariantCulture, $"{dir}/f{i:D7}.log");
            File.WriteAllBytes(Path.Combine(partial, bagPath), content);
            yield return new FileRecord
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"E{i + 1:D6}"),
                BagPath = bagPath,
                SourcePath = bagPath[4..],
                Size = content.Length,
                Sha256 = sha,
                Mtime = "2026-11-24T03:13:02.123456789Z",
                Mode = "100640",
                Uid = 0,
                Gid = 4,
                User = "root",
                Group = "adm",
                FileType = "regular",
                Target = "app",
            };
        }
    }

    [Fact]
    public async Task A_200000_file_v3_bundle_verifies_VALID_in_a_verifier_process_whose_peak_memory_stays_under_the_ceiling()
    {
        File.Exists("/usr/bin/time").Should().BeTrue("/usr/bin/time (Debian package time) reports the child's peak memory; .ci/run installs it");
        var store = new LocalDirectoryStore(_dir.Path);
        const string Partial = "B200K.partial";
        store.CreateDirectory(Partial + "/" + BundleLayout.CustodyDir);
        var manifest = new CustodyManifest
        {
            BundleId = Guid.NewGuid(),
            Mode = "analysis",
            Case = new CaseRecord { Id = "B200K" },
            Host = new HostRecord { Hostname = "web01" },
            Tool = new ToolRecord { Name = "evidencekit-collect", Version = "test" },
            Profile = new ProfileRecord { Names = ["app"], Files = [] },
            Started = "2026-11-24T03:13:02Z",
            Finished = "2026-11-24T03:14:02Z",
            Target = new TargetRecord { Kind = "directory", Location = _dir.Path },
            HashAlgorithms = ["sha256"],
            Bag = new BagRecord { BagitTxtSha256 = "", BagInfoTxtSha256 = "", ManifestSha256TxtSha256 = "", CollectionLogSha256 = "", PayloadOxum = "" },
        };
        await new BundleSealer(store, TimeProvider.System).SealAsync(
            new SealInput(Partial, "B200K", manifest, [], WritePayload(Path.Combine(_dir.Path, Partial))),
            new NoLog(), null, null, false, CancellationToken.None);
        var bundle = Path.Combine(_dir.Path, "B200K");
        File.ReadLines(Path.Combine(bundle, BundleLayout.FileRecords)).Count().Should().Be(Files);

                var run = Run.Tool("/usr/bin/time", ["-f", "peak-rss-kib=%M", Run.ExecutablePath("evidencekit-verify"), bundle], timeout: TimeSpan.FromMinutes(10));

        run.ExitCode.Should().Be(0, run.ToString());
        run.StdOut.Should().Contain("VALID").And.Contain($"{Files} files");
        var peak = long.Parse(run.StdErr.Split('\n').Last(l => l.StartsWith("peak-rss-kib=", StringComparison.Ordinal))["peak-rss-kib=".Length..],
            CultureInfo.InvariantCulture);
        peak.Should().BeLessThan(CeilingKiB, $"the verifier's peak resident memory was {peak / 1024} MiB for {Files} files");
    }
}
