using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>Collecting in either mode leaves the source's access times as they were, and the manifest says so.</summary>
public sealed class AtimeTests : IClassFixture<TestPki>, IDisposable
{
    private const string PastAtime = "2020-05-05 05:05:05.123456789 UTC";
    private readonly TestPki _pki;
    private readonly TempDirectory _root = new("ek-atime-root-");
    private readonly TempDirectory _target = new("ek-atime-target-");
    private readonly TempDirectory _profiles = new("ek-atime-profile-");
    private readonly string[] _logs;

    public AtimeTests(TestPki pki)
    {
        _pki = pki;
        _logs =
        [
            _root.Write("var/log/app/app.log", "203.0.113.9 GET /admin 403\n"),
            _root.Write("var/log/app/app.log.1", new byte[3 * 1024 * 1024]),
        ];
        _profiles.Write("profile.yaml", "name: profile\ndescription: test\ntargets:\n  - name: app\n    description: app\n    category: application\n    paths: [/var/log/app/*]\n");
        foreach (var log in _logs)
        {
            Run.Tool("touch", ["-a", "-d", PastAtime, log]).ExitCode.Should().Be(0);
        }
    }

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _profiles.Dispose();
    }

    private static string Atime(string path) => Run.Tool("stat", ["-c", "%x", path]).StdOut.Trim();

    [Fact]
    public void This_file_system_updates_access_times_on_an_ordinary_read_so_the_atime_tests_can_fail()
    {
        var control = _root.Write("control.log", "read me\n");
        Run.Tool("touch", ["-a", "-d", PastAtime, control]);
        var before = Atime(control);

        Run.Tool("cat", [control]).ExitCode.Should().Be(0);

        Atime(control).Should().NotBe(before, "relatime updates an access time older than the modification time");
    }

    [Theory]
    [InlineData("analysis")]
    [InlineData("prosecution")]
    public void Collecting_leaves_the_access_time_of_every_source_file_unchanged_and_the_manifest_says_atime_preserved(string mode)
    {
        // Given logs whose access time was set in the past
        var before = _logs.ToDictionary(l => l, Atime);
        before.Values.Should().OnlyContain(a => a.StartsWith("2020-05-05 05:05:05.123456789"));
        var args = new List<string> { "--profile", _profiles.Combine("profile.yaml"), "--root", _root.Path, "--target", _target.Path, "--mode", mode, "--case", "ATIME" };
        if (mode == "prosecution")
        {
            args.AddRange(["--examiner", "Test Examiner", "--key", _pki.File("examiner.p12")]);
        }

        // When the real collector reads them
        var run = Run.Executable("evidencekit-collect", args, environment: new Dictionary<string, string?> { ["EVIDENCEKIT_KEY_PASSPHRASE"] = TestPki.Passphrase });

        // Then their access times are exactly as before, and every record says so
        run.ExitCode.Should().Be(0, run.ToString());
        foreach (var log in _logs)
        {
            Atime(log).Should().Be(before[log], log);
        }
        var bundle = Directory.GetDirectories(_target.Path).Should().ContainSingle().Which;
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Mode.Should().Be(mode);
        manifest.Files.Should().HaveCount(2).And.OnlyContain(f => f.AtimePreserved == true && f.Atime == "2020-05-05T05:05:05.123456789Z");
    }
}
