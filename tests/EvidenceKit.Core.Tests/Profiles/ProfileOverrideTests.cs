using EvidenceKit.Core.Profiles;
using EvidenceKit.Core.Tests.Profiles.Support;

namespace EvidenceKit.Core.Tests.Profiles;

public sealed class ProfileOverrideTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void Names_in_the_profiles_directory_win_and_embedded_ones_stay_available()
    {
        var nginx = tree.Write("p/targets/web-server/nginx.yaml", "name: nginx\ndescription: our nginx\ncategory: web-server\npaths: [/data/nginx/logs/**]\n");
        var shop = tree.Write("p/systems/shop.yaml", "name: shop\ndescription: shop\ninclude: [linux-web-nginx]\ntargets: [shop-app]\n");
        var app = tree.Write("p/targets/application/shop-app.yaml", "name: shop-app\ndescription: app\ncategory: application\npaths: [/srv/shop/**]\n");

        var catalog = ProfileCatalog.FromDirectory(new FileSystem(), tree.PathOf("p"));
        var resolved = catalog.Resolve("shop");

        resolved.Targets.Single(t => t.Name == "nginx").Paths.Should().Equal("/data/nginx/logs/**");
        resolved.Targets.Single(t => t.Name == "nginx").DefinedIn.Should().Be(nginx);
        resolved.Targets.Should().Contain(t => t.Name == "syslog" && t.DefinedIn == "embedded:profiles/targets/system/syslog.yaml");
        resolved.Documents.Select(d => d.Source).Should().Contain([shop, nginx, app, "embedded:profiles/systems/linux-web-nginx.yaml"]);
        catalog.List().Single(s => s.Name == "shop").Source.Should().Be(shop);
        catalog.List().Single(s => s.Name == "linux-base").Source.Should().Be("embedded:profiles/systems/linux-base.yaml");
        ProfileCatalog.Embedded(new FileSystem()).Resolve("linux-web-nginx").Targets.Single(t => t.Name == "nginx").Paths.Should().Contain("/var/log/nginx/**");
    }

    [Fact]
    public void A_system_profile_in_the_directory_replaces_the_embedded_one_of_the_same_name()
    {
        tree.Write("p/systems/linux-base.yaml", "name: linux-base\ndescription: small base\ntargets: [auth]\n");

        var resolved = ProfileCatalog.FromDirectory(new FileSystem(), tree.PathOf("p")).Resolve("linux-web-nginx");

        resolved.Targets.Select(t => t.Name).Should().Equal("auth", "nginx");
    }

    [Fact]
    public void A_missing_directory_an_unknown_category_folder_and_a_target_defined_twice_are_reported()
    {
        tree.Write("bad/targets/webserver/x.yaml", "name: x\n");
        var one = tree.Write("twice/targets/system/x.yaml", "name: x\n");
        var two = tree.Write("twice/targets/service/x.yaml", "name: x\n");
        var fs = new FileSystem();

        FluentActions.Invoking(() => ProfileCatalog.FromDirectory(fs, tree.PathOf("none"))).Should().Throw<ProfileException>()
            .WithMessage("*none: profiles directory not found*");
        FluentActions.Invoking(() => ProfileCatalog.FromDirectory(fs, tree.PathOf("bad"))).Should().Throw<ProfileException>()
            .WithMessage("*unknown category folder 'webserver'; allowed: web-server*");
        FluentActions.Invoking(() => ProfileCatalog.FromDirectory(fs, tree.PathOf("twice"))).Should().Throw<ProfileException>()
            .WithMessage($"*target 'x' is also defined in*");
        _ = (one, two);
    }
}
