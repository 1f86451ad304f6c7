using System.Diagnostics;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>Collections straight to a real OpenSSH server on 127.0.0.1 (a port the fixture picks).</summary>
[Trait("Category", "Slow")]
[Trait("Category", "Network")]
public sealed class SftpCollectionTests : IClassFixture<SshdFixture>, IClassFixture<TestPki>, IDisposable
{
    private readonly SshdFixture _sshd;
    private readonly TestPki _pki;
    private readonly TempDirectory _root = new("ek-root-");
    private readonly string _serverDir;

    public SftpCollectionTests(SshdFixture sshd, TestPki pki)
    {
        _sshd = sshd;
        _pki = pki;
        _sshd.Start();
        _serverDir = Path.Combine(_sshd.Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_serverDir);
        _root.Write("var/log/nginx/access.log", "203.0.113.9 GET /wp-login.php 404\n");
        _root.Write("var/log/syslog", "Nov 24 sshd: Accepted password for root\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        Directory.Delete(_serverDir, recursive: true);
    }

    private string Url => $"sftp://{_sshd.User}@127.0.0.1:{_sshd.Port}{_serverDir}";

    private List<string> Args(string profile = "linux-web-nginx") =>
        ["--profile", profile, "--root", _root.Path, "--target", Url, "--ssh-key", _sshd.ClientKeyPath, "--host-key-fingerprint", _sshd.HostKeyFingerprint];

    private string Bundle() => Directory.GetDirectories(_serverDir).Single();

    private static ProcessResult Verify(string bundle, params string[] extra) =>
        Run.Executable("evidencekit-verify", [bundle, .. extra]);

    [Fact]
    public void An_analysis_collection_lands_on_the_server_and_verifies()
    {
        var run = Run.Executable("evidencekit-collect", Args());

        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Bundle();
        bundle.Should().NotEndWith(".partial");
        Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: bundle).ExitCode.Should().Be(0);
        var verify = Verify(bundle);
        verify.ExitCode.Should().Be(0, verify.ToString());
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Target.Kind.Should().Be("sftp");
        manifest.Target.Location.Should().StartWith("sftp://");
    }

    [Fact]
    public void Without_ssh_key_the_collection_logs_in_with_the_agent_named_by_SSH_AUTH_SOCK()
    {
        // Given an ssh-agent holding the authorized client key, and no --ssh-key and no password
        using var agent = new SshAgentProcess();
        agent.Add(_sshd.ClientKeyPath);
        var args = Args();
        args.RemoveRange(args.IndexOf("--ssh-key"), 2);

        // When
        var run = Run.Executable("evidencekit-collect", args, environment: new Dictionary<string, string?>
        {
            ["SSH_AUTH_SOCK"] = agent.SocketPath,
            ["EVIDENCEKIT_SSH_PASSWORD"] = null,
        });

        // Then the bundle lands on the server and verifies
        run.ExitCode.Should().Be(0, run.ToString());
        var verify = Verify(Bundle());
        verify.ExitCode.Should().Be(0, verify.ToString());
    }

    [Fact]
    public void A_prosecution_collection_over_sftp_is_re_read_over_sftp_signed_and_verifies_with_the_examiner_trusted()
    {
        var args = Args();
        args.AddRange(["--mode", "prosecution", "--case", "IR-9", "--examiner", "Test Examiner", "--key", _pki.File("examiner.p12")]);

        var run = Run.Executable("evidencekit-collect", args, environment: new Dictionary<string, string?> { ["EVIDENCEKIT_KEY_PASSPHRASE"] = TestPki.Passphrase });

        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Bundle();
        var verify = Verify(bundle, "--trust", _pki.File("root-ca.crt"));
        verify.ExitCode.Should().Be(0, verify.ToString());
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Files.Should().OnlyContain(f => f.VerifiedCopySha256 == f.Sha256);
    }

    [Fact]
    public void A_wrong_host_key_is_refused_with_the_presented_fingerprint_and_nothing_is_written()
    {
        var args = Args();
        args[^1] = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        var run = Run.Executable("evidencekit-collect", args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.StdErr.Should().Contain(_sshd.HostKeyFingerprint);
        Directory.EnumerateFileSystemEntries(_serverDir).Should().BeEmpty();
    }

    [Fact]
    public void A_target_without_a_pinned_host_key_is_refused_before_connecting()
    {
        var run = Run.Executable("evidencekit-collect", ["--profile", "linux-base", "--root", _root.Path, "--target", Url, "--ssh-key", _sshd.ClientKeyPath]);

        run.ExitCode.Should().Be(2, run.ToString());
        run.StdErr.Should().Contain("--host-key-fingerprint");
    }

    [Fact]
    public async Task The_server_killed_and_restarted_mid_transfer_the_run_reconnects_and_the_result_verifies()
    {
        var payload = new byte[16 * 1024];
        for (var i = 0; i < 3000; i++)
        {
            Random.Shared.NextBytes(payload);
            _root.Write($"srv/logs/d{i / 100:D2}/f{i:D4}.log", payload);
        }
        var profile = _root.Write("p.yaml", "name: p\ndescription: test\ntargets:\n  - name: logs\n    description: logs\n    category: application\n    paths: [/srv/logs/**]\n");
        var args = Args(profile);
        args.AddRange(["--parallel", "1", "--quiet"]);
        using var running = Run.StartExecutable("evidencekit-collect", args);
        var process = running.Process;

        WaitForJournal(process, 100);
        _sshd.Restart();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);

        process.ExitCode.Should().Be(0, await stdout + await stderr);
        var bundle = Bundle();
        Run.Tool("sha256sum", ["-c", "--strict", "--quiet", "manifest-sha256.txt"], workingDirectory: bundle).ExitCode.Should().Be(0);
        var verify = Verify(bundle);
        verify.ExitCode.Should().Be(0, verify.ToString());
        File.ReadAllText(Path.Combine(bundle, BundleLayout.CollectionLog)).Should().Contain("reconnecting");
    }

    private void WaitForJournal(Process process, int lines)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var journal = Directory.GetDirectories(_serverDir, "*.partial").Select(d => Path.Combine(d, BundleLayout.Journal)).FirstOrDefault(File.Exists);
            if (journal is not null && File.ReadLines(journal).Count() >= lines)
            {
                return;
            }
            process.HasExited.Should().BeFalse("the collector must still be running to be interrupted");
            Thread.Sleep(5);
        }
        throw new TimeoutException("no journal entries appeared on the server");
    }
}
