using System.Buffers.Binary;
using System.Text;
using EvidenceKit.Targets.Sftp.HostKeys;

namespace EvidenceKit.Targets.Sftp.Tests.HostKeys;

/// <summary>known_hosts host patterns as ssh reads them: '*' and '?' wildcards, case-insensitive, '!' negation, [host]:port literal.</summary>
public sealed class KnownHostsPatternTests
{
    private static readonly string Key = Convert.ToBase64String(Blob());

    private static byte[] Blob()
    {
        var type = Encoding.ASCII.GetBytes("ssh-ed25519");
        var blob = new byte[4 + type.Length + 4 + 32];
        BinaryPrimitives.WriteInt32BigEndian(blob, type.Length);
        type.CopyTo(blob, 4);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4 + type.Length), 32);
        return blob;
    }

    private static int Matches(string patterns, string host, int port = 22) =>
        KnownHostsFile.Parse("known_hosts", [$"{patterns} ssh-ed25519 {Key}"]).For(host, port).Count;

    [Theory]
    [InlineData("*.example.org", "evidence.example.org", 1)]
    [InlineData("*.EXAMPLE.org", "evidence.example.org", 1)]
    [InlineData("evidence?.example.org", "evidence1.example.org", 1)]
    [InlineData("evidence?.example.org", "evidence12.example.org", 0)]
    [InlineData("*.example.org", "example.org", 0)]
    [InlineData("*", "anything", 1)]
    [InlineData("*.example.org,!bad.example.org", "bad.example.org", 0)]
    [InlineData("host,other", "other", 1)]
    public void A_host_pattern_matches_as_ssh_matches_it(string patterns, string host, int expected) =>
        Matches(patterns, host).Should().Be(expected);

    [Fact]
    public void A_bracketed_host_and_port_is_matched_literally() =>
        Matches("[sftp.example.org]:2222", "sftp.example.org", 2222).Should().Be(1);
}
