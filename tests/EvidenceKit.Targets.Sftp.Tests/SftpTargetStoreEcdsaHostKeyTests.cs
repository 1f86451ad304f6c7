using EvidenceKit.Testing;
using EvidenceKit.Targets.Sftp.Tests.Support;

namespace EvidenceKit.Targets.Sftp.Tests;

[Trait("Category", "Network")]
public sealed class SftpTargetStoreEcdsaHostKeyTests(EcdsaSshdFixture sshd) : IClassFixture<EcdsaSshdFixture>
{
    [Fact]
    public void An_ecdsa_nistp256_known_hosts_entry_with_wildcards_is_accepted()
    {
        var knownHosts = KnownHosts.For(sshd, sshd.Dir, $"!nothere.example,[127.0.0.?]:{sshd.Port}");
        File.ReadAllText(knownHosts).Should().Contain(" ecdsa-sha2-nistp256 ");
        var options = sshd.Options() with { HostKeyFingerprint = null, KnownHostsFile = knownHosts };

        using var store = SftpTargetStore.Connect(options);

        store.Exists("").Should().BeTrue();
    }

    [Fact]
    public void A_negated_known_hosts_pattern_for_the_host_is_not_trusted()
    {
        var knownHosts = KnownHosts.For(sshd, sshd.Dir, $"[127.0.0.*]:{sshd.Port},![127.0.0.1]:{sshd.Port}");
        var options = sshd.Options() with { HostKeyFingerprint = null, KnownHostsFile = knownHosts };

        var act = () => SftpTargetStore.Connect(options);

        act.Should().Throw<Errors.HostKeyException>().Which.PresentedKeyType.Should().Be("ecdsa-sha2-nistp256");
    }

    [Fact]
    public void A_revoked_key_is_refused_even_when_pinned()
    {
        var knownHosts = KnownHosts.For(sshd, sshd.Dir, $"@revoked [127.0.0.1]:{sshd.Port}");
        var options = sshd.Options() with { KnownHostsFile = knownHosts };

        var act = () => SftpTargetStore.Connect(options);

        act.Should().Throw<Errors.HostKeyException>().Which.Message.Should().Contain("@revoked");
    }

    [Fact]
    public void A_known_hosts_file_with_only_another_key_type_for_the_host_is_refused_showing_the_presented_key()
    {
        var other = SshTool.NewKey(Path.Combine(sshd.Dir, "other-" + Guid.NewGuid().ToString("N")));
        var line = File.ReadAllText(other + ".pub").Trim().Split(' ');
        var knownHosts = Path.Combine(sshd.Dir, "known_hosts-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(knownHosts, $"[127.0.0.1]:{sshd.Port} {line[0]} {line[1]}\n");
        var options = sshd.Options() with { HostKeyFingerprint = null, KnownHostsFile = knownHosts };

        var act = () => SftpTargetStore.Connect(options);

        act.Should().Throw<Errors.HostKeyException>().Which.PresentedFingerprint.Should().Be(sshd.HostKeyFingerprint);
    }
}
