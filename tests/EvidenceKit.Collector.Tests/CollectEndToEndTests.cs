using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>Runs the real evidencekit-collect on real temporary trees.</summary>
public sealed class CollectEndToEndTests : IDisposable
{
    private readonly TempDirectory _root = new("ek-root-");
    private readonly TempDirectory _target = new("ek-target-");
    private readonly TempDirectory _cwd = new("ek-cwd-");

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _cwd.Dispose();
    }

    private ProcessResult Collect(params string[] args) => Run.Executable("evidencekit-collect", args, workingDirectory: _cwd.Path);

    private void WriteNginxAndSyslogTree()
    {
        _root.Write("var/log/nginx/access.log", "203.0.113.9 - - [24/Nov/2026:03:12:45 +0000] \"GET /wp-login.php HTTP/1.1\" 404\n");
        _root.Write("var/log/nginx/access.log.1", "198.51.100.7 - - \"POST /upload.php\" 200\n");
        _root.Write("var/log/nginx/access.log.2.gz", new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef });
        _root.Write("var/log/nginx/error.log", "[error] upstream timed out\n");
        _root.Write("var/log/syslog", "Nov 24 03:12:45 web01 sshd[1]: Accepted password for root\n");
        _root.Write("var/log/auth.log", "Nov 24 03:12:45 web01 sshd[1]: Failed password for admin\n");
        _root.Write("etc/nginx/nginx.conf", "http { access_log /var/log/nginx/access.log; }\n");
    }

    private string SingleBundle()
    {
        var bundles = Directory.GetDirectories(_target.Path);
        bundles.Should().HaveCount(1);
        return bundles[0];
    }

    [Fact]
    public void An_nginx_and_syslog_tree_is_collected_through_root_into_a_sealed_bundle_that_sha256sum_accepts()
    {
        WriteNginxAndSyslogTree();
        var before = TreeSnapshot.Take(_root.Path);

        var run = Collect("--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path, "--case", "IR-2026-042");

        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = SingleBundle();
        Path.GetFileName(bundle).Should().StartWith("IR-2026-042_").And.NotEndWith(".partial");
        var sums = Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: bundle);
        sums.ExitCode.Should().Be(0, sums.ToString());
        foreach (var file in new[] { "var/log/nginx/access.log", "var/log/nginx/access.log.1", "var/log/nginx/access.log.2.gz", "var/log/syslog", "var/log/auth.log" })
        {
            File.ReadAllBytes(Path.Combine(bundle, "data", file)).Should().Equal(File.ReadAllBytes(_root.Combine(file)), file);
        }
        TreeSnapshot.Take(_root.Path).Should().Equal(before, "the source tree must be unchanged");
        File.ReadAllText(Path.Combine(bundle, "bagit.txt")).Should().Be("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        File.ReadAllText(Path.Combine(bundle, "bag-info.txt")).Should().Contain("External-Identifier: IR-2026-042").And.Contain("Payload-Oxum: ");
        File.ReadAllText(Path.Combine(bundle, BundleLayout.CollectionLog)).Should().Contain("Collecting");
        Directory.EnumerateFileSystemEntries(_cwd.Path).Should().BeEmpty("nothing is written to the working directory");
    }

    [Fact]
    public void The_manifest_records_case_host_tool_hash_profile_texts_and_targets_that_matched_nothing()
    {
        WriteNginxAndSyslogTree();

        var run = Collect("--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path);

        run.ExitCode.Should().Be(0, run.ToString());
        var manifest = BundleRecords.Manifest(SingleBundle());
        manifest.Mode.Should().Be("analysis");
        manifest.Tool.Sha256.Should().MatchRegex("^[0-9a-f]{64}$");
        manifest.Tool.Sha256.Should().Be(Run.Tool("sha256sum", [manifest.Tool.Executable!]).StdOut[..64]);
        manifest.Profile.Files.Should().Contain(f => f.Name == "linux-web-nginx" && f.Text.Contains("linux-base"));
        manifest.Profile.Files.Should().OnlyContain(f => f.Sha256 == Core.Text.Hex.Sha256(f.Text));
        manifest.EmptyTargets.Select(t => t.Name).Should().Contain("journald");
        manifest.Files.Should().Contain(f => f.SourcePath == "/var/log/nginx/access.log" && f.Mtime != null);
        run.StdOut.Should().Contain("Targets that matched nothing").And.Contain("journald");
    }

    [Fact]
    public void A_dry_run_writes_nothing_and_lists_the_plan()
    {
        WriteNginxAndSyslogTree();

        var run = Collect("--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path, "--dry-run");

        run.ExitCode.Should().Be(0, run.ToString());
        run.StdOut.Should().Contain("/var/log/nginx/access.log.2.gz").And.Contain("Dry run");
        Directory.EnumerateFileSystemEntries(_target.Path).Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(_cwd.Path).Should().BeEmpty();
    }

    [Fact]
    public void Json_prints_one_machine_readable_summary_and_nothing_else_on_stdout()
    {
        WriteNginxAndSyslogTree();

        var run = Collect("--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path, "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        using var doc = JsonDocument.Parse(run.StdOut);
        doc.RootElement.GetProperty("status").GetString().Should().Be("sealed");
        doc.RootElement.GetProperty("files").GetInt32().Should().BeGreaterThanOrEqualTo(5);
        doc.RootElement.GetProperty("bundle").GetString().Should().Be(SingleBundle());
    }

    [Fact]
    public void A_missing_target_directory_exits_2_with_a_message_saying_what_to_do()
    {
        WriteNginxAndSyslogTree();

        var run = Collect("--profile", "linux-base", "--root", _root.Path, "--target", _target.Combine("not-mounted"));

        run.ExitCode.Should().Be(2);
        run.StdErr.Should().Contain("does not exist").And.Contain("mkdir -p");
        run.StdErr.Should().NotContain("   at ", "no stack trace without --verbose");
    }

    [Theory]
    [InlineData("syntax", "name: syntax\ndescription: x\ntargets: [nginx\nmore: x\n", 3, null)]
    [InlineData("indent", "name: indent\ndescription: x\n  targets: [nginx]\n", 3, null)]
    [InlineData("unknown-key", "name: unknown-key\ndescription: x\ntargtes: [nginx]\n", 3, "targtes")]
    [InlineData("unknown-include", "name: unknown-include\ndescription: x\ninclude: [no-such-profile]\ntargets: [nginx]\n", 3, "no-such-profile")]
    public void A_bad_profile_exits_2_naming_the_file_and_line(string name, string yaml, int line, string? key)
    {
        var file = _root.Write($"profiles/{name}.yaml", yaml);

        var run = Collect("--profile", file, "--root", _root.Path, "--target", _target.Path);

        run.ExitCode.Should().Be(2, run.ToString());
        run.StdErr.Should().Contain($"{name}.yaml:{line}");
        if (key is not null)
        {
            run.StdErr.Should().Contain(key);
        }
        run.StdErr.Should().NotContain("   at ");
        Directory.EnumerateFileSystemEntries(_target.Path).Should().BeEmpty();
    }

    [Fact]
    public void An_include_cycle_exits_2_showing_the_chain()
    {
        var dir = _root.MakeDirectory("myprofiles/systems");
        File.WriteAllText(Path.Combine(dir, "a.yaml"), "name: a\ndescription: a\ninclude: [b]\ntargets: [nginx]\n");
        File.WriteAllText(Path.Combine(dir, "b.yaml"), "name: b\ndescription: b\ninclude: [a]\ntargets: [nginx]\n");

        var run = Collect("--profiles", _root.Combine("myprofiles"), "--profile", "a", "--root", _root.Path, "--target", _target.Path);

        run.ExitCode.Should().Be(2, run.ToString());
        run.StdErr.Should().Contain("a -> b -> a");
        run.StdErr.Should().MatchRegex(@"\.yaml:\d+");
    }

    [Fact]
    public void An_unreadable_file_is_recorded_as_skipped_and_the_run_exits_3()
    {
        WriteNginxAndSyslogTree();
        var secret = _root.Combine("var/log/auth.log");
        File.SetUnixFileMode(secret, UnixFileMode.None);
        ProcessResult run;
        if (Requires.IsRoot)
        {
            // Root reads everything; run the collector as 'nobody' so the permission is real.
            foreach (var d in new[] { _root.Path, _target.Path, _cwd.Path })
            {
                Run.Tool("chmod", ["-R", "a+rwX", d]);
            }
            File.SetUnixFileMode(secret, UnixFileMode.None);
            run = Run.Tool("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", Run.ExecutablePath("evidencekit-collect"),
                "--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path],
                workingDirectory: _cwd.Path, environment: new Dictionary<string, string?> { ["DOTNET_CLI_HOME"] = _cwd.Path, ["HOME"] = _cwd.Path });
        }
        else
        {
            run = Collect("--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path);
        }

        run.ExitCode.Should().Be(3, run.ToString());
        run.StdOut.Should().Contain("/var/log/auth.log").And.Contain("permission denied");
        var manifest = BundleRecords.Manifest(SingleBundle());
        manifest.Skipped.Should().ContainSingle(s => s.Path == "/var/log/auth.log" && s.Reason == "permission denied" && s.Failed);
        manifest.Files.Should().Contain(f => f.SourcePath == "/var/log/syslog");
    }

    [Fact]
    public void Settings_layer_from_evidencekit_json_then_environment_then_command_line()
    {
        WriteNginxAndSyslogTree();
        File.WriteAllText(_cwd.Combine("evidencekit.json"), $$"""{ "profile": "linux-base", "target": "{{_target.Path}}", "case": "FROM-JSON", "root": "{{_root.Path}}" }""");
        var run = Run.Executable("evidencekit-collect", ["--case", "FROM-CLI"], workingDirectory: _cwd.Path,
            environment: new Dictionary<string, string?> { ["EVIDENCEKIT_CASE"] = "FROM-ENV", ["EVIDENCEKIT_PROFILE"] = "linux-web-nginx" });

        run.ExitCode.Should().Be(0, run.ToString());
        var manifest = BundleRecords.Manifest(SingleBundle());
        manifest.Case.Id.Should().Be("FROM-CLI");
        manifest.Profile.Names.Should().Equal("linux-web-nginx");
    }

    [Fact]
    public void Profiles_list_shows_names_descriptions_and_categories()
    {
        var run = Collect("profiles", "list");

        run.ExitCode.Should().Be(0, run.ToString());
        run.StdOut.Should().Contain("linux-base").And.Contain("linux-web-nginx").And.Contain("linux-web-apache").And.Contain("web-server");
    }

    [Fact]
    public void Profiles_show_prints_the_resolved_targets_and_globs()
    {
        var run = Collect("profiles", "show", "linux-web-apache");

        run.ExitCode.Should().Be(0, run.ToString());
        run.StdOut.Should().Contain("apache").And.Contain("/var/log/apache2").And.Contain("syslog");
    }

    [Fact]
    public void The_cross_check_in_VERIFY_txt_prints_same_on_a_fresh_bundle_and_not_after_a_hash_is_changed()
    {
        WriteNginxAndSyslogTree();
        Collect("--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path).ExitCode.Should().Be(0);
        var bundle = SingleBundle();
        File.ReadAllText(Path.Combine(bundle, BundleLayout.VerifyTxt)).Should().Contain(VerifyInstructions.CrossCheckCommand);

        var clean = Run.Tool("bash", ["-c", VerifyInstructions.CrossCheckCommand], workingDirectory: bundle);
        clean.StdOut.Trim().Should().Be("same", clean.ToString());

        var manifest = Path.Combine(bundle, BundleLayout.PayloadManifest);
        var lines = File.ReadAllLines(manifest);
        lines[0] = new string('0', 64) + lines[0][64..];
        File.WriteAllLines(manifest, lines);
        Run.Tool("bash", ["-c", VerifyInstructions.CrossCheckCommand], workingDirectory: bundle).StdOut.Should().NotContain("same");
    }
}
