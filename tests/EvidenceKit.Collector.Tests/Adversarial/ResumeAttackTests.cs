using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>
/// The evidence drive is untrusted between an interrupted run and --resume. A prosecution run is interrupted after the
/// copy (its time-stamp authority is unreachable), the .partial is tampered with as an attacker holding the stick
/// would, and the real collector resumes it with --tsa-optional. Nothing forged is sealed; nothing outside is touched.
/// </summary>
public sealed class ResumeAttackTests : IClassFixture<TestPki>, IDisposable
{
    private const string AccessLog = "var/log/nginx/access.log";
    private readonly TestPki _pki;
    private readonly TempDirectory _root = new("ek-resume-root-");
    private readonly TempDirectory _target = new("ek-resume-target-");
    private readonly TempDirectory _outside = new("ek-resume-outside-");

    public ResumeAttackTests(TestPki pki)
    {
        _pki = pki;
        _root.Write(AccessLog, "198.51.100.7 - - \"POST /shell.php\" 200\n");
        _root.Write("var/log/nginx/error.log", "upstream timed out\n");
        _root.Write("var/log/syslog", "Nov 24 03:12:45 web01 kernel: boot\n");
        _outside.Write("keep/precious.txt", "the examiner's own file\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
        _outside.Dispose();
    }

    private static Dictionary<string, string?> Passphrase => new() { ["EVIDENCEKIT_KEY_PASSPHRASE"] = TestPki.Passphrase };

    /// <summary>A prosecution run whose time-stamp authority refuses connections: everything is copied, nothing sealed.</summary>
    private string InterruptedPartial()
    {
        var run = Run.Executable("evidencekit-collect",
        [
            "--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path, "--mode", "prosecution", "--case", "IR-11",
            "--key", _pki.Examiner, "--examiner", "Test Examiner", "--org", "EvidenceKit TEST ONLY", "--tsa", "http://127.0.0.1:9/",
        ], environment: Passphrase);
        run.ExitCode.Should().Be(1, run.ToString());
        var partial = Directory.GetDirectories(_target.Path).Should().ContainSingle().Which;
        partial.Should().EndWith(BundleLayout.PartialSuffix);
        run.StdOut.Should().Contain("time-stamp authority failed").And.Contain($"--resume {partial} --tsa-optional");
        File.Exists(Path.Combine(partial, BundleLayout.ResumeInfo)).Should().BeTrue();
        return partial;
    }

    private ProcessResult Resume(string partial) =>
        Run.Executable("evidencekit-collect", ["--resume", partial, "--tsa-optional"], environment: Passphrase, timeout: TimeSpan.FromMinutes(2));

    private static string Sealed(string partial) => partial[..^BundleLayout.PartialSuffix.Length];

    private void AssertEqualsSourceAndVerifies(string bundle)
    {
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Files.Should().HaveCount(3);
        foreach (var file in manifest.Files)
        {
            var source = File.ReadAllBytes(_root.Combine(file.SourcePath.TrimStart('/')));
            File.ReadAllBytes(Path.Combine(bundle, file.BagPath)).Should().Equal(source, $"{file.BagPath} must hold the source's bytes");
            file.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(source)));
        }
        var verify = Run.Executable("evidencekit-verify", [bundle, "--trust", _pki.RootCertificate]);
        verify.ExitCode.Should().Be(0, verify.ToString());
        Run.Tool("sha256sum", ["-c", "--strict", "--quiet", BundleLayout.PayloadManifest], workingDirectory: bundle).ExitCode.Should().Be(0);
    }

    private void AssertOutsideUntouched()
    {
        Directory.GetFileSystemEntries(_outside.Path, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(_outside.Path, p))
            .Should().BeEquivalentTo("keep", Path.Combine("keep", "precious.txt"));
        File.ReadAllText(_outside.Combine("keep", "precious.txt")).Should().Be("the examiner's own file\n");
    }

    [Fact]
    public void Resume_after_forging_a_journalled_copy_and_its_journal_line_seals_the_source_bytes_not_the_forgery()
    {
        var partial = InterruptedPartial();
        var forged = "203.0.113.9 - - \"GET /index.html\" 200\n"u8.ToArray();
        File.WriteAllBytes(Path.Combine(partial, "data", AccessLog), forged);
        var journal = Path.Combine(partial, BundleLayout.Journal);
        var lines = File.ReadAllLines(journal).Select(line =>
        {
            var node = JsonNode.Parse(line)!.AsObject();
            if (node["bagPath"]!.GetValue<string>() == "data/" + AccessLog)
            {
                node["sha256"] = Convert.ToHexStringLower(SHA256.HashData(forged));
                node["size"] = forged.Length;
            }
            return node.ToJsonString();
        }).ToList();
        lines.Should().Contain(l => l.Contains(Convert.ToHexStringLower(SHA256.HashData(forged)), StringComparison.Ordinal));
        File.WriteAllLines(journal, lines);

        var resume = Resume(partial);

        resume.ExitCode.Should().Be(0, resume.ToString());
        var bundle = Sealed(partial);
        AssertEqualsSourceAndVerifies(bundle);
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Files.Single(f => f.BagPath == "data/" + AccessLog).Notes.Should().Contain(n => n.StartsWith("copied again on resume", StringComparison.Ordinal));
        manifest.Files.Where(f => f.BagPath != "data/" + AccessLog).Should().OnlyContain(f => f.Notes.Any(n => n.StartsWith("resumed:", StringComparison.Ordinal)));
        manifest.Notes.Should().Contain(n => n.StartsWith("no-timestamp:", StringComparison.Ordinal), "--tsa-optional sealed without a timestamp and says so");
        resume.StdOut.Should().Contain("Warning: no-timestamp");
        File.Exists(Path.Combine(bundle, BundleLayout.ManifestTimestamp)).Should().BeFalse();
    }

    [Fact]
    public void Resume_unlinks_a_link_under_data_to_an_outside_folder_without_deleting_the_outside_files()
    {
        var partial = InterruptedPartial();
        File.CreateSymbolicLink(Path.Combine(partial, "data", "evil"), _outside.Combine("keep"));
        File.CreateSymbolicLink(Path.Combine(partial, "data", "var", "log", "nginx", "planted.log"), _outside.Combine("keep", "precious.txt"));

        var resume = Resume(partial);

        resume.ExitCode.Should().Be(0, resume.ToString());
        AssertOutsideUntouched();
        var bundle = Sealed(partial);
        File.Exists(Path.Combine(bundle, "data", "evil")).Should().BeFalse();
        new FileInfo(Path.Combine(bundle, "data", "evil")).LinkTarget.Should().BeNull();
        AssertEqualsSourceAndVerifies(bundle);
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Notes.Should().Contain(n => n.StartsWith("resume-removed:", StringComparison.Ordinal) && n.Contains("data/evil (symlink)", StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_with_data_var_replaced_by_a_link_to_an_outside_folder_writes_nothing_outside()
    {
        var partial = InterruptedPartial();
        Directory.Delete(Path.Combine(partial, "data", "var"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(partial, "data", "var"), _outside.Path);

        var resume = Resume(partial);

        resume.ExitCode.Should().Be(0, resume.ToString());
        AssertOutsideUntouched();
        AssertEqualsSourceAndVerifies(Sealed(partial));
    }

    [Fact]
    public void Resume_refuses_a_FIFO_resume_json_within_bounded_time_with_one_clear_line()
    {
        var partial = InterruptedPartial();
        File.Delete(Path.Combine(partial, BundleLayout.ResumeInfo));
        Run.Tool("mkfifo", [Path.Combine(partial, BundleLayout.ResumeInfo)]).ExitCode.Should().Be(0);
        var clock = Stopwatch.StartNew();

        var resume = Resume(partial);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(2));
        resume.ExitCode.Should().Be(2, resume.ToString());
        resume.StdErr.Should().Contain(BundleLayout.ResumeInfo).And.Contain("fifo, not a regular file");
        Directory.Exists(partial).Should().BeTrue("a refused resume changes nothing");
    }

    [Fact]
    public void Resume_with_a_FIFO_journal_never_opens_it_removes_it_and_copies_everything_again()
    {
        var partial = InterruptedPartial();
        File.Delete(Path.Combine(partial, BundleLayout.Journal));
        Run.Tool("mkfifo", [Path.Combine(partial, BundleLayout.Journal)]).ExitCode.Should().Be(0);

        var resume = Resume(partial);

        resume.ExitCode.Should().Be(0, resume.ToString());
        var bundle = Sealed(partial);
        AssertEqualsSourceAndVerifies(bundle);
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Notes.Should().Contain(n => n.StartsWith("resume-removed:", StringComparison.Ordinal) && n.Contains(BundleLayout.Journal, StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_after_a_source_file_was_changed_since_the_first_run_collects_the_new_bytes_and_says_why()
    {
        var partial = InterruptedPartial();
        File.WriteAllText(_root.Combine(AccessLog), "rewritten by the intruder after the first run\n");

        var resume = Resume(partial);

        resume.ExitCode.Should().Be(0, resume.ToString());
        var bundle = Sealed(partial);
        AssertEqualsSourceAndVerifies(bundle);
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Files.Single(f => f.BagPath == "data/" + AccessLog).Notes.Should().Contain(n => n.StartsWith("copied again on resume:", StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_with_a_link_planted_where_the_fresh_journal_is_written_unlinks_it_and_writes_nothing_outside()
    {
        // Given a partial whose drive holder planted a link, under the name the resume writes its fresh journal to, to an outside file
        var partial = InterruptedPartial();
        File.CreateSymbolicLink(Path.Combine(partial, BundleLayout.Journal + ".resumed"), _outside.Combine("keep", "precious.txt"));

        // When resumed
        var resume = Resume(partial);

        // Then the link is gone, the outside file is untouched, and the bundle holds the source's bytes
        resume.ExitCode.Should().Be(0, resume.ToString());
        AssertOutsideUntouched();
        var bundle = Sealed(partial);
        File.Exists(Path.Combine(bundle, BundleLayout.Journal + ".resumed")).Should().BeFalse();
        AssertEqualsSourceAndVerifies(bundle);
    }
}
