using EvidenceKit.Testing;
using System.Diagnostics;
using EvidenceKit.Targets.Sftp.Errors;
using EvidenceKit.Targets.Sftp.Tests.Support;

namespace EvidenceKit.Targets.Sftp.Tests;

[Trait("Category", "Network")]
public sealed class SftpTargetStoreConnectTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("ek-sftp-connect-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void The_fingerprint_ssh_keygen_prints_for_the_host_key_lets_the_store_connect()
    {
        // Given the fingerprint as `ssh-keygen -lf host_key.pub` prints it
        var options = sshd.Options() with { HostKeyFingerprint = SshTool.Fingerprint(sshd.HostKeyPath + ".pub") };

        // When
        using var store = SftpTargetStore.Connect(options);

        // Then
        store.Kind.Should().Be(EvidenceKit.Core.Abstractions.TargetKind.Sftp);
        EvidenceKit.Core.Abstractions.TargetKinds.Name(store.Kind).Should().Be("sftp");
        store.Location.Should().Be($"sftp://{sshd.User}@127.0.0.1:{sshd.Port}{sshd.Root}");
        store.RootPath.Should().Be(sshd.Root);
        store.Exists("").Should().BeTrue();
        sshd.Log.Should().Contain($"Accepted publickey for {sshd.User}", "the refusal tests rely on sshd logging logins");
    }

    [Fact]
    public void A_plain_known_hosts_entry_for_host_and_port_lets_the_store_connect()
    {
        var knownHosts = WriteKnownHosts($"[127.0.0.1]:{sshd.Port}");
        var options = sshd.Options() with { HostKeyFingerprint = null, KnownHostsFile = knownHosts };

        using var store = SftpTargetStore.Connect(options);

        store.Exists("").Should().BeTrue();
    }

    [Fact]
    public void A_known_hosts_file_hashed_by_ssh_keygen_lets_the_store_connect()
    {
        // Given a known_hosts file hashed with ssh-keygen -H, with an unrelated host first
        var knownHosts = WriteKnownHosts($"[127.0.0.1]:{sshd.Port}", "otherhost.example.org");
        SshTool.RunOk("ssh-keygen", "-H", "-f", knownHosts);
        File.ReadAllLines(knownHosts).Where(line => !line.StartsWith('#')).Should().OnlyContain(line => line.StartsWith("|1|"));
        File.ReadAllText(knownHosts).Should().NotContain("127.0.0.1");
        var options = sshd.Options() with { HostKeyFingerprint = null, KnownHostsFile = knownHosts };

        using var store = SftpTargetStore.Connect(options);

        store.Exists("").Should().BeTrue();
    }

    [Fact]
    public void A_known_hosts_entry_for_another_port_is_not_trusted()
    {
        var knownHosts = WriteKnownHosts("127.0.0.1");
        var options = sshd.Options() with { HostKeyFingerprint = null, KnownHostsFile = knownHosts };

        var act = () => SftpTargetStore.Connect(options);

        act.Should().Throw<HostKeyException>().Which.Message.Should().Contain("has no key for [127.0.0.1]:" + sshd.Port);
    }

    [Fact]
    public void A_wrong_fingerprint_is_refused_before_login_and_the_message_shows_the_presented_one()
    {
        // Given a pin for some other key
        var other = SshTool.NewKey(Path.Combine(_scratch, "other_host_key"));
        var options = sshd.Options("/" + Path.GetRelativePath("/", Path.Combine(sshd.Root, "must-not-appear")))
            with { HostKeyFingerprint = SshTool.Fingerprint(other + ".pub") };
        var logBefore = sshd.Log.Length;

        // When
        var act = () => SftpTargetStore.Connect(options);

        // Then
        var error = act.Should().Throw<HostKeyException>().Which;
        error.PresentedFingerprint.Should().Be(sshd.HostKeyFingerprint);
        error.PresentedKeyType.Should().Be("ssh-ed25519");
        error.Message.Should().Contain(sshd.HostKeyFingerprint)
            .And.Contain("--host-key-fingerprint " + sshd.HostKeyFingerprint)
            .And.Contain("--known-hosts FILE")
            .And.Contain("does not match the pinned fingerprint " + SshTool.Fingerprint(other + ".pub"));
        NoLoginSince(logBefore);
        Directory.EnumerateFileSystemEntries(sshd.Root).Should().NotContain(p => p.EndsWith("must-not-appear", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_any_pin_the_connection_is_refused_and_the_message_shows_the_presented_fingerprint()
    {
        var options = sshd.Options() with { HostKeyFingerprint = null, KnownHostsFile = null };
        var logBefore = sshd.Log.Length;

        var act = () => SftpTargetStore.Connect(options);

        var error = act.Should().Throw<HostKeyException>().Which;
        error.Message.Should().Contain("no host key is pinned")
            .And.Contain("--host-key-fingerprint " + sshd.HostKeyFingerprint)
            .And.Contain("--known-hosts FILE");
        NoLoginSince(logBefore);
    }

    [Theory]
    [InlineData("MD5:12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0")]
    [InlineData("SHA256:tooshort")]
    public void A_fingerprint_not_in_ssh_keygen_form_is_refused_before_connecting(string fingerprint)
    {
        var options = sshd.Options() with { HostKeyFingerprint = fingerprint };

        var act = () => SftpTargetStore.Connect(options);

        act.Should().Throw<SftpTargetException>().Which.Message.Should().Contain("SHA256: followed by 43 base64 characters");
    }

    [Fact]
    public void A_client_key_the_server_does_not_know_gives_an_auth_error()
    {
        var stranger = SshTool.NewKey(Path.Combine(_scratch, "stranger"));
        var options = sshd.Options() with { PrivateKeyFile = stranger };

        var act = () => SftpTargetStore.Connect(options);

        act.Should().Throw<SftpAuthException>().Which.Message.Should()
            .Contain($"refused the login of user '{sshd.User}'").And.Contain(stranger).And.Contain("authorized_keys");
    }

    [Fact]
    public void An_encrypted_key_without_its_passphrase_gives_an_auth_error_naming_the_variable()
    {
        var locked = SshTool.NewKey(Path.Combine(_scratch, "locked"), passphrase: "correct horse");
        var options = sshd.Options() with { PrivateKeyFile = locked };

        var act = () => SftpTargetStore.Connect(options);

        act.Should().Throw<SftpAuthException>().Which.Message.Should().Contain("EVIDENCEKIT_SSH_KEY_PASSPHRASE");
    }

    [Fact]
    public void An_encrypted_key_with_its_passphrase_logs_in()
    {
        // Given a passphrase-protected key that the server accepts
        var locked = SshTool.NewKey(Path.Combine(_scratch, "locked-ok"), passphrase: "correct horse");
        var authorized = Path.Combine(sshd.Dir, "authorized_keys");
        File.AppendAllText(authorized, File.ReadAllText(locked + ".pub"));
        var options = sshd.Options() with { PrivateKeyFile = locked, PrivateKeyPassphrase = "correct horse" };

        using var store = SftpTargetStore.Connect(options);

        store.Exists("").Should().BeTrue();
        options.ToString().Should().NotContain("correct horse");
    }

    [Fact]
    public void Neither_key_nor_agent_nor_password_is_refused_and_names_all_three()
    {
        var options = sshd.Options() with { PrivateKeyFile = null, AgentSocket = null };

        var act = () => SftpTargetStore.Connect(options);

        act.Should().Throw<SftpAuthException>().Which.Message.Should()
            .Contain("--ssh-key FILE").And.Contain("SSH_AUTH_SOCK").And.Contain("EVIDENCEKIT_SSH_PASSWORD");
    }

    [Fact]
    public void A_port_where_nothing_listens_gives_an_unreachable_error_with_host_and_port()
    {
        var port = LoopbackPort.Free();
        var options = sshd.Options() with { Uri = SftpTargetUri.Parse($"sftp://{sshd.User}@127.0.0.1:{port}/x") };
        var clock = Stopwatch.StartNew();

        var act = () => SftpTargetStore.Connect(options);

        var error = act.Should().Throw<SftpUnreachableException>().Which;
        error.Host.Should().Be("127.0.0.1");
        error.Port.Should().Be(port);
        error.Message.Should().Contain($"127.0.0.1 port {port}");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_target_directory_that_does_not_exist_is_reported_before_any_write()
    {
        var missing = Path.Combine(sshd.Root, "no-such-dir");
        var options = sshd.Options(missing);

        var act = () => SftpTargetStore.Connect(options);

        act.Should().Throw<SftpTargetException>().Which.Message.Should().Contain($"'{missing}' does not exist");
        Directory.Exists(missing).Should().BeFalse();
    }

    [Fact]
    public void A_tilde_path_is_resolved_under_the_login_directory()
    {
        // Given the current user's login directory (sftp-server starts there)
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var name = "ek-sftp-home-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Path.Combine(home, name));
        try
        {
            var options = sshd.Options() with { Uri = SftpTargetUri.Parse($"sftp://{sshd.User}@127.0.0.1:{sshd.Port}/~/{name}") };

            using var store = SftpTargetStore.Connect(options);
            using (var stream = store.Create("probe.txt"))
                stream.Write("hi"u8);

            store.RootPath.Should().Be(Path.Combine(home, name));
            File.ReadAllText(Path.Combine(home, name, "probe.txt")).Should().Be("hi");
        }
        finally
        {
            Directory.Delete(Path.Combine(home, name), recursive: true);
        }
    }

    private string WriteKnownHosts(params string[] hostFields)
    {
        var key = File.ReadAllText(sshd.HostKeyPath + ".pub").Trim().Split(' ');
        var other = File.ReadAllText(SshTool.NewKey(Path.Combine(_scratch, "unrelated-" + Guid.NewGuid().ToString("N"))) + ".pub")
            .Trim().Split(' ');
        var lines = new List<string> { "# test known_hosts", $"elsewhere.example.org {other[0]} {other[1]}" };
        lines.AddRange(hostFields.Select(field => $"{field} {key[0]} {key[1]}"));
        var path = Path.Combine(_scratch, "known_hosts-" + Guid.NewGuid().ToString("N"));
        File.WriteAllLines(path, lines);
        return path;
    }

    private void NoLoginSince(int logOffset)
    {
        // sshd logs "Accepted publickey for USER" on every successful login (LogLevel VERBOSE); none may follow.
        var clock = Stopwatch.StartNew();
        while (!sshd.Log[logOffset..].Contains("Connection closed", StringComparison.Ordinal)
               && !sshd.Log[logOffset..].Contains("Disconnected", StringComparison.Ordinal)
               && clock.Elapsed < TimeSpan.FromSeconds(5))
            Thread.Sleep(20);
        sshd.Log[logOffset..].Should().NotContain("Accepted publickey").And.NotContain("Postponed publickey");
    }
}
