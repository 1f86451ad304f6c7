using EvidenceKit.Core.Profiles;
using EvidenceKit.Core.Tests.Profiles.Support;

namespace EvidenceKit.Core.Tests.Profiles;

public sealed class AutoProfileSelectorTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void A_debian_nginx_root_gets_linux_base_and_linux_web_nginx_with_the_reason_for_each()
    {
        tree.Write("etc/os-release", "ID=debian\n");
        tree.Write("etc/nginx/nginx.conf", "events {}\n");

        var resolved = new AutoProfileSelector().Select(ProfileCatalog.Embedded(new FileSystem()), tree.Port());

        resolved.Names.Should().Equal("linux-base", "linux-web-nginx");
        resolved.Selection.Should().Equal("linux-base: found /etc/os-release", "linux-web-nginx: found /etc/nginx/nginx.conf");
        resolved.Targets.Select(t => t.Name).Should().Contain(["auth", "nginx"]).And.OnlyHaveUniqueItems();
        resolved.Documents.Should().Contain(d => d.Source == "embedded:profiles/systems/linux-web-nginx.yaml");
    }

    [Fact]
    public void Several_programs_give_several_profiles_and_a_lamp_server_needs_all_three_parts()
    {
        tree.Write("etc/os-release", "ID=debian\n");
        tree.Write("usr/sbin/apache2", "");
        tree.Write("usr/sbin/php-fpm8.2", "");
        tree.Folder("var/lib/docker");

        var withoutMysql = new AutoProfileSelector().Select(ProfileCatalog.Embedded(new FileSystem()), tree.Port());
        tree.Folder("var/lib/mysql");
        var withMysql = new AutoProfileSelector().Select(ProfileCatalog.Embedded(new FileSystem()), tree.Port());

        withoutMysql.Names.Should().Equal("linux-base", "linux-docker-host", "linux-web-apache");
        withMysql.Names.Should().Equal("linux-base", "linux-docker-host", "linux-lamp", "linux-web-apache");
        withMysql.Selection.Should().Contain("linux-lamp: found /usr/sbin/apache2, /usr/sbin/php-fpm8.2 and /var/lib/mysql");
        withMysql.Selection.Should().Contain("linux-docker-host: found /var/lib/docker");
        withMysql.Targets.Select(t => t.Name).Should().Contain(["apache", "php-fpm", "mysql", "docker"]).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void A_tomcat_root_is_recognised_through_a_glob()
    {
        tree.Write("etc/os-release", "ID=rhel\n");
        tree.Write("opt/tomcat10/conf/server.xml", "<Server/>");

        var resolved = new AutoProfileSelector().Select(ProfileCatalog.Embedded(new FileSystem()), tree.Port());

        resolved.Selection.Should().Contain("linux-java-tomcat: found /opt/tomcat10/conf/server.xml");
    }

    [Fact]
    public void A_windows_root_with_iis_is_recognised_whatever_the_case_of_its_folders()
    {
        tree.Folder("windows/system32/INETSRV");
        tree.Folder("Windows/System32/winevt/Logs");

        var resolved = new AutoProfileSelector().Select(ProfileCatalog.Embedded(new FileSystem()), tree.Port());

        resolved.Names.Should().Contain("windows-iis").And.NotContain("linux-base");
        resolved.Selection.Should().Contain(@"windows-iis: found C:\Windows\System32\inetsrv");
        resolved.Targets.Select(t => t.Name).Should().Contain(["iis", "iis-httperr", "iis-config", "windows-event-logs"]);
    }

    [Fact]
    public void A_root_with_nothing_known_is_an_error_that_says_what_to_do()
    {
        var act = () => new AutoProfileSelector().Select(ProfileCatalog.Embedded(new FileSystem()), tree.Port());

        act.Should().Throw<ProfileException>().WithMessage("--profile auto: no known system was recognised under*name a profile with --profile*");
    }

    [Fact]
    public void Detect_rules_of_a_profiles_directory_are_used()
    {
        tree.Write("p/systems/shop.yaml", "name: shop\ndescription: shop\ntargets: [auth]\ndetect:\n  - /srv/shop/bin/shop\n");
        tree.Write("host/srv/shop/bin/shop", "");

        var resolved = new AutoProfileSelector().Select(ProfileCatalog.FromDirectory(new FileSystem(), tree.PathOf("p")), tree.Port("host"));

        resolved.Names.Should().Equal("shop");
        resolved.Selection.Should().Equal("shop: found /srv/shop/bin/shop");
    }
}
