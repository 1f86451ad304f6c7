using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>--since, --max-file-size and --max-total-size narrow the plan, and the manifest lists what they left out.</summary>
public sealed class PlanRulesTests : IDisposable
{
    private readonly TempDirectory _root = new("ek-root-");
    private readonly TempDirectory _target = new("ek-target-");

    public PlanRulesTests()
    {
        _root.Write("srv/app/old.log", new string('o', 1000));
        _root.Write("srv/app/recent.log", new string('r', 3000));
        _root.Write("srv/app/newest.log", new string('n', 2000));
        Run.Tool("touch", ["-m", "-d", "2020-01-01 00:00:00 UTC", _root.Combine("srv/app/old.log")]);
        Run.Tool("touch", ["-m", "-d", "2026-11-01 00:00:00 UTC", _root.Combine("srv/app/recent.log")]);
        _root.Write("p.yaml", "name: p\ndescription: test\ntargets:\n  - name: app\n    description: app\n    category: application\n    paths: [/srv/app/*.log]\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
    }

    private CustodyManifest Collect(params string[] extra)
    {
        var run = Run.Executable("evidencekit-collect", ["--profile", _root.Combine("p.yaml"), "--root", _root.Path, "--target", _target.Path, .. extra]);
        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Directory.GetDirectories(_target.Path).Single();
        return BundleRecords.Manifest(bundle);
    }

    [Fact]
    public void Since_drops_only_files_last_modified_before_it_and_lists_them_as_excluded()
    {
        var manifest = Collect("--since", "2025-06-01");

        manifest.Files.Select(f => f.SourcePath).Should().BeEquivalentTo(["/srv/app/recent.log", "/srv/app/newest.log"]);
        manifest.Excluded.Should().ContainSingle(e => e.Path == "/srv/app/old.log" && e.Reason.Contains("--since"));
    }

    [Fact]
    public void Max_total_size_keeps_the_newest_files_first_and_lists_what_the_cap_left_out()
    {
        var manifest = Collect("--max-total-size", "5000");

        manifest.Files.Select(f => f.SourcePath).Should().BeEquivalentTo(["/srv/app/newest.log", "/srv/app/recent.log"]);
        manifest.Excluded.Should().ContainSingle(e => e.Path == "/srv/app/old.log" && e.Reason.Contains("--max-total-size"));
    }

    [Fact]
    public void Max_file_size_leaves_out_larger_files()
    {
        var manifest = Collect("--max-file-size", "2500");

        manifest.Files.Select(f => f.SourcePath).Should().BeEquivalentTo(["/srv/app/old.log", "/srv/app/newest.log"]);
        manifest.Excluded.Should().ContainSingle(e => e.Path == "/srv/app/recent.log" && e.Reason.Contains("max-file-size"));
    }

    [Fact]
    public void Profiles_check_accepts_a_valid_file_and_names_the_line_of_a_bad_one()
    {
        Run.Executable("evidencekit-collect", ["profiles", "check", _root.Combine("p.yaml")]).ExitCode.Should().Be(0);
        var bad = _root.Write("bad.yaml", "name: bad\ndescription: x\ntargets:\n  - name: t\n    description: t\n    category: nonsense\n    paths: [/x]\n");

        var run = Run.Executable("evidencekit-collect", ["profiles", "check", bad]);

        run.ExitCode.Should().Be(2);
        run.StdErr.Should().Contain("bad.yaml:6").And.Contain("category");
    }

    [Fact]
    public void Until_never_drops_a_file_modified_after_it_only_files_created_after_it()
    {
        // All three files were created just now (birth time) and one was last modified in 2020.
        var manifest = Collect("--until", "2021-01-01");

        var born = Run.Tool("stat", ["-c", "%W", _root.Combine("srv/app/old.log")]).StdOut.Trim();
        if (born is "0" or "-")
        {
            // No birth time on this file system: --until can prove nothing, so it leaves everything in.
            manifest.Files.Should().HaveCount(3);
            return;
        }
        manifest.Files.Should().BeEmpty("every file was created after the window ended");
        manifest.Excluded.Should().HaveCount(3).And.OnlyContain(e => e.Reason.Contains("--until"));

        Directory.Delete(_target.Path, recursive: true);
        Directory.CreateDirectory(_target.Path);
        Collect("--until", DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd")).Files.Should().HaveCount(3,
            "files modified after a window's end may hold entries from inside it");
    }
}
