using EvidenceKit.Testing;
using System.Diagnostics;
using EvidenceKit.Targets.Sftp.Agent;
using EvidenceKit.Targets.Sftp.Tests.Support;
using Renci.SshNet;

namespace EvidenceKit.Targets.Sftp.Tests.Agent;

public sealed class SshAgentClientTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly byte[] Data = "session identifier and userauth request"u8.ToArray();
    private readonly SshAgentProcess _agent = new();

    public void Dispose() => _agent.Dispose();

    [Fact]
    public void The_keys_added_with_ssh_add_are_listed_with_their_type_and_comment()
    {
        _agent.Add(_agent.NewKey("ed", "ed25519"));
        _agent.Add(_agent.NewKey("ec", "ecdsa"));

        var identities = new SshAgentClient(_agent.SocketPath, Timeout).ListIdentities();

        identities.Select(i => i.KeyType).Should().BeEquivalentTo("ssh-ed25519", "ecdsa-sha2-nistp256");
        identities.Should().OnlyContain(i => i.Comment == "evidencekit-test");
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256")]
    [InlineData("rsa", "rsa-sha2-256")]
    public void The_agents_signature_is_the_blob_ssh_net_itself_verifies(string keyType, string algorithm)
    {
        // Given a key in the agent, and the same key file opened by SSH.NET
        var keyPath = _agent.NewKey("key", keyType);
        _agent.Add(keyPath);
        var source = AgentKeySource.Load(new SshAgentClient(_agent.SocketPath, Timeout));
        using var file = new PrivateKeyFile(keyPath);
        var own = ((IPrivateKeySource)file).HostKeyAlgorithms.Single(a => a.Name == algorithm);

        // When the agent signs
        var offered = source.HostKeyAlgorithms.Should().ContainSingle().Subject;
        var signature = offered.Sign(Data);

        // Then it offers the expected algorithm with the same public key, and SSH.NET accepts the signature
        offered.Name.Should().Be(algorithm);
        offered.Data.Should().Equal(own.Data);
        own.VerifySignature(Data, signature).Should().BeTrue();
        own.VerifySignature("other data"u8.ToArray(), signature).Should().BeFalse();
    }

    [Fact]
    public void Asking_to_sign_with_a_key_the_agent_does_not_hold_is_refused()
    {
        _agent.Add(_agent.NewKey("held"));
        var other = AgentKeySourceBlob(_agent.NewKey("not-held"));
        var client = new SshAgentClient(_agent.SocketPath, Timeout);

        var sign = () => client.Sign(other, Data, 0);

        sign.Should().Throw<SshAgentException>().WithMessage("*refused to sign with the ssh-ed25519 key.");
    }

    [Fact]
    public void A_reply_announced_larger_than_the_cap_is_rejected_without_reading_it()
    {
        using var fake = new FakeAgent([0x40, 0, 0, 0, 12]);

        var list = () => new SshAgentClient(fake.SocketPath, Timeout).ListIdentities();

        list.Should().Throw<SshAgentException>().WithMessage("*announced a reply of 1073741824 bytes*");
    }

    [Fact]
    public void An_agent_that_never_answers_fails_within_the_timeout()
    {
        using var fake = new FakeAgent(null);
        var clock = Stopwatch.StartNew();

        var list = () => new SshAgentClient(fake.SocketPath, TimeSpan.FromMilliseconds(500)).ListIdentities();

        list.Should().Throw<SshAgentException>().WithMessage($"The SSH agent at '{fake.SocketPath}' cannot be used*");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_key_list_that_promises_more_keys_than_it_holds_is_malformed()
    {
        // Given an identities answer claiming 3 keys and holding none
        using var fake = new FakeAgent([0, 0, 0, 5, 12, 0, 0, 0, 3]);

        var list = () => new SshAgentClient(fake.SocketPath, Timeout).ListIdentities();

        list.Should().Throw<SshAgentException>().WithMessage("*sent a malformed reply*");
    }

    private static byte[] AgentKeySourceBlob(string privateKeyPath)
    {
        var base64 = File.ReadAllText(privateKeyPath + ".pub").Split(' ')[1];
        return Convert.FromBase64String(base64);
    }
}
