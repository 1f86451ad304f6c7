using System.IO.Abstractions;
using EvidenceKit.Core.Platform;
using EvidenceKit.Core.Profiles;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Testing;

namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>
/// "--profile auto" decides from files that exist under the root. A compromised image can plant links that point at
/// the examiner's own machine (which has nginx installed); the detect rules look only inside the root, through the
/// port, and open nothing (a FIFO named like a detected file is only looked at).
/// </summary>
public sealed class DiscoveryDetectRulesTests : IDisposable
{
    private readonly TempDirectory _root = new("ek-detect-root-");
    private readonly TempDirectory _outside = new("ek-detect-outside-");

    public DiscoveryDetectRulesTests()
    {
        _root.Write("etc/os-release", "ID=debian\n");
        _outside.Write("nginx/nginx.conf", "events {}\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    private ResolvedProfile Select()
    {
        using var port = new LinuxSourceFiles(_root.Path);
        var select = Task.Run(() => new AutoProfileSelector().Select(ProfileCatalog.Embedded(new FileSystem()), port));
        select.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue("detect rules must never block");
        return select.Result;
    }

    [Theory]
    [InlineData("absolute")]
    [InlineData("relative")]
    public void A_link_to_the_examiners_nginx_does_not_make_the_image_an_nginx_server(string how)
    {
        var target = Path.Combine(_outside.Path, "nginx");
        Directory.CreateDirectory(_root.Combine("etc"));
        File.CreateSymbolicLink(_root.Combine("etc/nginx"), how == "absolute" ? target : "../../../../../../../.." + target);

        var resolved = Select();

        resolved.Names.Should().Equal("linux-base");
    }

    [Fact]
    public void A_fifo_named_like_a_detected_file_is_detected_without_being_opened()
    {
        Directory.CreateDirectory(_root.Combine("etc/nginx"));
        Run.Tool("mkfifo", [_root.Combine("etc/nginx/nginx.conf")]).ExitCode.Should().Be(0);

        var resolved = Select();

        resolved.Names.Should().Equal("linux-base", "linux-web-nginx");
    }
}
