using System.Text;
using EvidenceKit.Targets.Sftp.Errors;
using EvidenceKit.Targets.Sftp.Tests.Support;
using EvidenceKit.Testing;

namespace EvidenceKit.Targets.Sftp.Tests;

[Trait("Category", "Network")]
public sealed class SftpTargetStoreAgentTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly SshAgentProcess _agent = new();

    public void Dispose() => _agent.Dispose();

    [Fact]
    public void An_agent_holding_the_authorized_ed25519_key_logs_in_without_a_key_file()
    {
        // Given an agent holding the client key sshd authorizes, and no key file or password
        _agent.Add(sshd.ClientKeyPath);
        var options = AgentOnly(_agent.SocketPath);

        // When
        using var store = SftpTargetStore.Connect(options);
        var name = $"agent-{Guid.NewGuid():N}.txt";
        using (var stream = store.Create(name))
            stream.Write("signed by the agent"u8);

        // Then the file was written and reads back
        using var read = store.OpenRead(name);
        new StreamReader(read, Encoding.UTF8).ReadToEnd().Should().Be("signed by the agent");
        File.ReadAllText(Path.Combine(sshd.Root, name)).Should().Be("signed by the agent");
        sshd.Log.Should().Contain($"ED25519 {SshTool.Fingerprint(sshd.ClientKeyPath + ".pub")}");
    }

    [Fact]
    public void An_agent_holding_an_authorized_rsa_key_logs_in_with_rsa_sha2_256()
    {
        // Given an RSA key that sshd authorizes, held only by the agent
        var rsaKey = _agent.NewKey("rsa_key", "rsa");
        File.AppendAllText(Path.Combine(sshd.Dir, "authorized_keys"), File.ReadAllText(rsaKey + ".pub"));
        _agent.Add(rsaKey);

        // When
        using var store = SftpTargetStore.Connect(AgentOnly(_agent.SocketPath));

        // Then sshd accepted that RSA key with a SHA-256 signature
        store.Exists("").Should().BeTrue();
        sshd.Log.Should().Contain($"RSA {SshTool.Fingerprint(rsaKey + ".pub")}");
    }

    [Fact]
    public void An_agent_holding_only_an_unrelated_key_is_refused_with_an_auth_error()
    {
        _agent.Add(_agent.NewKey("unrelated"));

        var connect = () => SftpTargetStore.Connect(AgentOnly(_agent.SocketPath));

        connect.Should().Throw<SftpAuthException>()
            .WithMessage($"*refused the login of user '{sshd.User}' with the keys of the SSH agent at '{_agent.SocketPath}'*");
    }

    [Fact]
    public void An_agent_with_no_keys_is_an_auth_error_that_says_so()
    {
        var connect = () => SftpTargetStore.Connect(AgentOnly(_agent.SocketPath));

        connect.Should().Throw<SftpAuthException>()
            .WithMessage($"The SSH agent at '{_agent.SocketPath}' holds no keys; add one with ssh-add*");
    }

    [Fact]
    public void A_socket_path_where_no_agent_listens_is_an_auth_error_naming_the_path()
    {
        var missing = Path.Combine(_agent.Dir, "no-agent.sock");

        var connect = () => SftpTargetStore.Connect(AgentOnly(missing));

        connect.Should().Throw<SftpAuthException>()
            .WithMessage($"Cannot log in with the SSH agent at '{missing}'*");
    }

    [Fact]
    public void A_dead_agent_socket_with_a_password_given_falls_back_to_the_password()
    {
        // Given a stale agent socket and a password (which this sshd refuses: it allows keys only)
        var missing = Path.Combine(_agent.Dir, "no-agent.sock");
        var logged = new List<string>();
        var options = AgentOnly(missing) with { Password = "not-the-password" };

        var connect = () => SftpTargetStore.Connect(options, logged.Add);

        // Then the password was tried, and the dead agent was only logged
        connect.Should().Throw<SftpAuthException>().WithMessage("*refused the login*or the password*");
        logged.Should().Contain(line => line.Contains(missing) && line.Contains("Trying the password only."));
    }

    [Fact]
    public void A_key_file_takes_precedence_over_the_agent()
    {
        // Given an agent with only an unrelated key, and the authorized key file
        _agent.Add(_agent.NewKey("unrelated"));
        var options = sshd.Options() with { AgentSocket = _agent.SocketPath };

        using var store = SftpTargetStore.Connect(options);

        store.Exists("").Should().BeTrue();
    }

    private SftpConnectOptions AgentOnly(string socket) =>
        sshd.Options() with { PrivateKeyFile = null, Password = null, AgentSocket = socket };
}
