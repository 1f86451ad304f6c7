using System.Security.Cryptography;
using EvidenceKit.Cli;

namespace EvidenceKit.Collector.Tests.Cli;

/// <summary>
/// The manifest's tool hash is read in pieces and, in a collection, on a background thread: both must still be the SHA-256
/// of every byte of the executable, and the secret in a command line must still be redacted.
/// </summary>
public sealed class ToolIdentityTests
{
    [Fact]
    public async Task The_background_description_hashes_every_byte_of_the_running_executable()
    {
        var record = await ToolIdentity.DescribeInBackground("evidencekit-collect", ["--case", "X"]);

        record.Executable.Should().NotBeNull();
        var whole = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(record.Executable!)));
        record.Sha256.Should().Be(whole);
        new FileInfo(record.Executable!).Length.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_background_description_is_the_one_made_in_line()
    {
        string[] args = ["--case", "X", "--key", "k.p12"];

        var inLine = ToolIdentity.Describe("evidencekit-collect", args);
        var background = await ToolIdentity.DescribeInBackground("evidencekit-collect", args);

        background.Sha256.Should().Be(inLine.Sha256);
        background.Executable.Should().Be(inLine.Executable);
        background.Version.Should().Be(inLine.Version);
        background.CommandLine.Should().Equal(inLine.CommandLine);
        background.CommandLine[0].Should().Be("evidencekit-collect");
    }
}
