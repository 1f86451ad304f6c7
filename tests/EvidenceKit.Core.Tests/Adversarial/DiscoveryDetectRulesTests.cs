using EvidenceKit.Core.Profiles;

namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>
/// "--profile auto" decides from files that exist under the root. A compromised image can plant links that point at
/// the examiner's own machine (which has nginx installed); the detect rules look only inside the root, through the
/// port, and open nothing (a FIFO named like a detected file is only looked at).
/// </summary>
public sealed class DiscoveryDetectRulesTests : RootAndOutsideTest
{

    public DiscoveryDetectRulesTests()
        : base("detect")
    {
        Root.Write("etc/os-release", "ID=debian\n");
        Outside.Write("nginx/nginx.conf", "events {}\n");
    }

    private ResolvedProfile Select()
    {
        using var port = new LinuxSourceFiles(Root.Path);
        var select = Task.Run(() => new AutoProfileSelector().Select(ProfileCatalog.Embedded(new FileSystem()), port));
        select.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue("detect rules must never block");
        return select.Result;
    }

    [Theory]
    [InlineData("absolute")]
    [InlineData("relative")]
    public void A_link_to_the_examiners_nginx_does_not_make_the_image_an_nginx_server(string how)
    {
        var target = Path.Combine(Outside.Path, "nginx");
        Directory.CreateDirectory(Root.Combine("etc"));
        File.CreateSymbolicLink(Root.Combine("etc/nginx"), how == "absolute" ? target : "../../../../../../../.." + target);

        var resolved = Select();

        resolved.Names.Should().Equal("linux-base");
    }

    [Fact]
    public void A_fifo_named_like_a_detected_file_is_detected_without_being_opened()
    {
        Directory.CreateDirectory(Root.Combine("etc/nginx"));
        Run.Tool("mkfifo", [Root.Combine("etc/nginx/nginx.conf")]).ExitCode.Should().Be(0);

        var resolved = Select();

        resolved.Names.Should().Equal("linux-base", "linux-web-nginx");
    }
}
