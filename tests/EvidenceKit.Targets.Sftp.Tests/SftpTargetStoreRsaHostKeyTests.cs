using EvidenceKit.Testing;
using EvidenceKit.Targets.Sftp.Tests.Support;

namespace EvidenceKit.Targets.Sftp.Tests;

[Trait("Category", "Network")]
public sealed class SftpTargetStoreRsaHostKeyTests(RsaSshdFixture sshd) : IClassFixture<RsaSshdFixture>
{
    [Fact]
    public void An_ssh_rsa_known_hosts_entry_accepts_the_key_offered_as_rsa_sha2()
    {
        var knownHosts = KnownHosts.For(sshd, sshd.Dir, $"[127.0.0.1]:{sshd.Port}");
        File.ReadAllText(knownHosts).Should().Contain(" ssh-rsa ");
        var options = sshd.Options() with { HostKeyFingerprint = null, KnownHostsFile = knownHosts };

        using var store = SftpTargetStore.Connect(options);

        store.Exists("").Should().BeTrue();
    }

    [Fact]
    public void The_rsa_fingerprint_ssh_keygen_prints_is_accepted_as_a_pin()
    {
        using var store = SftpTargetStore.Connect(sshd.Options());

        store.Exists("").Should().BeTrue();
    }
}
