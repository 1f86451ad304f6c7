using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>
/// The compromised server names its files, link targets and config includes with terminal escape sequences (a title
/// change, an erased line, a green "ALL FILES COLLECTED OK", a fake verdict, an 8-bit CSI, a right-to-left override).
/// Whatever the real collector prints must show them as visible text (<c>\x1b</c>), never obey them; --json stays
/// valid JSON holding the true name; the manifest keeps the true name.
/// </summary>
public sealed class TerminalInjectionTests : IDisposable
{
    private const string TitleChange = "\u001b]0;pwned\u0007";
    private const string EraseLineAndGoUp = "\u001b[2K\u001b[1A";
    private const string FakeSuccess = "\u001b[32mALL FILES COLLECTED OK\u001b[0m";
    private const string FakeVerdict = "\u001b[32mVALID (exit 0)";
    private const string EightBitCsi = "\u009b2K";
    private const string RightToLeft = "\u202egol.txt";
    private const string HostileName = "a" + TitleChange + EraseLineAndGoUp + FakeSuccess + EightBitCsi + RightToLeft + FakeVerdict + ".log";
    private const string HostileShown = @"a\x1b]0;pwned\x07\x1b[2K\x1b[1A\x1b[32mALL FILES COLLECTED OK\x1b[0m\x9b2K\u202egol.txt\x1b[32mVALID (exit 0).log";

    private readonly TempDirectory _root = new("ek-root-");
    private readonly TempDirectory _target = new("ek-target-");

    public TerminalInjectionTests()
    {
        _root.Write("var/log/nginx/access.log", "203.0.113.9 GET /\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
    }

    private ProcessResult Collect(params string[] extra) =>
        Run.Executable("evidencekit-collect", ["--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path, .. extra],
            timeout: TimeSpan.FromMinutes(2));

    private void MakeHostileFifo()
    {
        Run.Tool("mkfifo", [_root.Combine("var/log/nginx", HostileName)]).ExitCode.Should().Be(0);
    }

    private static void NothingATerminalWouldObey(ProcessResult run)
    {
        TerminalBytes.Controls(run.StdOut).Should().BeEmpty("stdout carries no control character but newline: " + run);
        TerminalBytes.Controls(run.StdErr).Should().BeEmpty("stderr carries no control character but newline: " + run);
    }

    [Fact]
    public void A_log_named_with_escape_sequences_is_listed_as_visible_text_by_the_dry_run()
    {
        _root.Write("var/log/nginx/" + HostileName, "hostile\n");

        var run = Collect("--dry-run", "--verbose");

        run.ExitCode.Should().Be(0, run.ToString());
        NothingATerminalWouldObey(run);
        run.StdOut.Should().Contain("/var/log/nginx/" + HostileShown);
    }

    [Fact]
    public void A_fifo_named_with_escape_sequences_is_reported_escaped_under_an_intact_result_line_and_recorded_with_its_true_name()
    {
        MakeHostileFifo();

        var run = Collect();

        run.ExitCode.Should().Be(3, run.ToString());
        NothingATerminalWouldObey(run);
        var lines = run.StdOut.Split('\n');
        lines.Should().Contain(l => l.StartsWith("Result:", StringComparison.Ordinal) && l.EndsWith("sealed, some files not collected", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("  /var/log/nginx/" + HostileShown + ": ", StringComparison.Ordinal),
            "the hostile name stays on its own line, escaped");
        var bundle = Directory.GetDirectories(_target.Path).Single();
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Skipped.Should().ContainSingle(s => s.Path == "/var/log/nginx/" + HostileName, "the bundle keeps the true name");
    }

    [Fact]
    public void A_newline_in_a_name_cannot_start_a_forged_result_line()
    {
        Run.Tool("mkfifo", [_root.Combine("var/log/nginx", "x\nResult:                sealed, everything collected\r")]).ExitCode.Should().Be(0);

        var run = Collect();

        run.ExitCode.Should().Be(3, run.ToString());
        NothingATerminalWouldObey(run);
        run.StdOut.Split('\n').Where(l => l.StartsWith("Result:", StringComparison.Ordinal)).Should()
            .Equal(["Result:                sealed, some files not collected"], "only the collector's own result line starts a line");
        run.StdOut.Should().Contain(@"/var/log/nginx/x\nResult:                sealed, everything collected\r: fifo");
    }

    [Fact]
    public void A_link_whose_target_carries_escape_sequences_is_shown_escaped()
    {
        File.CreateSymbolicLink(_root.Combine("var/log/nginx/link.log"), "/tmp/" + TitleChange + FakeVerdict);

        var run = Collect("--dry-run");

        run.ExitCode.Should().Be(0, run.ToString());
        NothingATerminalWouldObey(run);
        run.StdOut.Should().Contain(@"/tmp/\x1b]0;pwned\x07\x1b[32mVALID (exit 0)");
    }

    [Fact]
    public void A_discovery_warning_about_a_hostile_include_is_shown_escaped_on_one_line()
    {
        // No '[' (a glob that matches nothing is not reported): a full reset, an 8-bit CSI erase, a reverse line feed.
        _root.Write("etc/nginx/nginx.conf", "http {\n  include /etc/nginx/\u001bc" + EightBitCsi + "\u001bMFAKE.conf;\n}\n");

        var run = Collect("--dry-run");

        run.ExitCode.Should().Be(0, run.ToString());
        NothingATerminalWouldObey(run);
        run.StdErr.Should().Contain(@"WARN: nginx discovery: /etc/nginx/nginx.conf:2: /etc/nginx/\x1bc\x9b2K\x1bMFAKE.conf does not exist");
    }

    [Fact]
    public void The_json_summary_is_valid_json_that_holds_the_true_name_and_no_raw_control_character()
    {
        MakeHostileFifo();

        var run = Collect("--json");

        run.ExitCode.Should().Be(3, run.ToString());
        NothingATerminalWouldObey(run);
        using var json = JsonDocument.Parse(run.StdOut);
        json.RootElement.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("path").GetString())
            .Should().Contain("/var/log/nginx/" + HostileName);
    }

    [Fact]
    public void On_a_terminal_the_live_progress_and_the_summary_table_show_the_hostile_name_as_text()
    {
        MakeHostileFifo();
                var command = $"'{Run.ExecutablePath("evidencekit-collect")}' --profile linux-web-nginx --root '{_root.Path}' --target '{_target.Path}'";

        // script(1) runs the collector on a pseudo-terminal, so stdout is a terminal and Spectre draws its table.
        var run = Run.Tool("script", ["-qec", command, "/dev/null"], environment: new Dictionary<string, string?> { ["TERM"] = "xterm" },
            timeout: TimeSpan.FromMinutes(2));

        run.ExitCode.Should().Be(3, run.ToString());
        run.StdOut.Should().Contain("sealed, some files not collected");
        run.StdOut.Should().Contain(@"\x1b]0;pwned\x07\x1b[2K\x1b[1A\x1b[32mALL FILES COLLECTED OK");
        run.StdOut.Should().NotContain(TitleChange).And.NotContain(EraseLineAndGoUp).And.NotContain("\u001b[32mALL FILES")
            .And.NotContain("\u001b[32mVALID").And.NotContain("\u009b").And.NotContain("\u202e");
    }
}
