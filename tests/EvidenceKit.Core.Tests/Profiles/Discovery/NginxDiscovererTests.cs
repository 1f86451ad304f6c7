using EvidenceKit.Core.Profiles.Discovery;
using EvidenceKit.Core.Tests.Profiles.Support;

namespace EvidenceKit.Core.Tests.Profiles.Discovery;

public sealed class NginxDiscovererTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private DiscoveryResult Discover() => LogDiscoverers.Get("nginx").Discover(tree.Port());

    [Fact]
    public void Log_paths_are_found_through_include_globs_relative_includes_and_linked_sites()
    {
        tree.Folder("usr/share/nginx/modules-available");
        tree.Write("etc/nginx/nginx.conf", """
            user www-data;
            error_log /var/log/nginx/error.log warn;
            http {
                # access_log /var/log/commented.log;
                access_log /var/log/nginx/access.log;
                include /etc/nginx/conf.d/*.conf;
                include sites-enabled/*;
            }
            """);
        tree.Write("etc/nginx/conf.d/quoted.conf", "access_log \"/var/log/nginx/quoted log.log\" combined;\n");
        tree.Write("etc/nginx/sites-available/shop", """
            server {
                server_name shop.example;
                access_log /srv/shop/logs/$host-access.log combined;
                access_log off;
                error_log syslog:server=unix:/dev/log;
                access_log logs/relative.log;
                include snippets/extra.conf;
            }
            """);
        tree.Symlink("etc/nginx/sites-enabled/shop", "/etc/nginx/sites-available/shop");
        tree.Write("etc/nginx/snippets/extra.conf", "\n\nerror_log /srv/shop/logs/error.log;\n");

        var result = Discover();

        result.Logs.Should().BeEquivalentTo(new[]
        {
            new DiscoveredLog("/var/log/nginx/error.log", "/etc/nginx/nginx.conf", 2),
            new DiscoveredLog("/var/log/nginx/access.log", "/etc/nginx/nginx.conf", 5),
            new DiscoveredLog("/var/log/nginx/quoted log.log", "/etc/nginx/conf.d/quoted.conf", 1),
            new DiscoveredLog("/srv/shop/logs/*-access.log", "/etc/nginx/sites-available/shop", 3),
            new DiscoveredLog("/usr/share/nginx/logs/relative.log", "/etc/nginx/sites-available/shop", 6),
            new DiscoveredLog("/srv/shop/logs/error.log", "/etc/nginx/snippets/extra.conf", 3),
        }, o => o.WithStrictOrdering());
        result.ConfigFiles.Should().Equal(
            "/etc/nginx/nginx.conf", "/etc/nginx/conf.d/quoted.conf", "/etc/nginx/sites-available/shop", "/etc/nginx/snippets/extra.conf");
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Relative_paths_use_the_etc_nginx_prefix_of_nginx_org_packages_and_source_builds_use_their_own()
    {
        tree.Folder("etc/nginx/modules");
        tree.Write("etc/nginx/nginx.conf", "access_log logs/a.log;\n");
        tree.Write("usr/local/nginx/conf/nginx.conf", "error_log logs/error.log;\ninclude extra/*.conf;\n");
        tree.Write("usr/local/nginx/conf/extra/x.conf", "access_log /data/x.log;\n");

        var logs = Discover().Logs.Select(l => l.HostPath);

        logs.Should().Equal("/etc/nginx/logs/a.log", "/usr/local/nginx/logs/error.log", "/data/x.log");
    }

    [Fact]
    public void An_include_loop_stops_with_a_warning()
    {
        tree.Write("etc/nginx/nginx.conf", "include a.conf;\n");
        tree.Write("etc/nginx/a.conf", "access_log /var/log/a.log;\ninclude b.conf;\n");
        tree.Write("etc/nginx/b.conf", "include a.conf;\naccess_log /var/log/b.log;\n");

        var result = Discover();

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/a.log", "/var/log/b.log");
        result.Warnings.Should().ContainSingle().Which.Should()
            .StartWith("/etc/nginx/b.conf:1: include loop: /etc/nginx/a.conf is already being read");
    }

    [Fact]
    public void Paths_that_climb_out_of_the_root_are_refused_with_a_warning()
    {
        tree.Write("outside.conf", "access_log /stolen.log;\n");
        tree.Write("etc/nginx/nginx.conf", """
            include ../../../../../../../../outside.conf;
            access_log /var/log/nginx/../../../../../../etc/shadow;
            include conf.d/*.conf;
            access_log /var/log/nginx/ok.log;
            """);
        tree.Symlink("etc/nginx/conf.d/evil.conf", "../../../../../../../../../../outside.conf");

        var result = LogDiscoverers.Get("nginx").Discover(tree.Port());

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/nginx/ok.log");
        result.ConfigFiles.Should().Equal("/etc/nginx/nginx.conf");
        result.Warnings.Should().HaveCount(3);
        result.Warnings[0].Should().StartWith("/etc/nginx/nginx.conf:1: /etc/nginx/../../../../../../../../outside.conf climbs out of the root");
        result.Warnings[1].Should().StartWith("/etc/nginx/nginx.conf:2: log path /var/log/nginx/../../../../../../etc/shadow climbs out of the root");
        result.Warnings[2].Should().StartWith("/etc/nginx/nginx.conf:3: /etc/nginx/conf.d/evil.conf leaves the root");
    }

    [Fact]
    public void An_absolute_link_is_followed_inside_the_root_not_on_the_host()
    {
        tree.Write("etc/nginx/nginx.conf", "include /etc/nginx/sites-enabled/*;\n");
        tree.Write("srv/conf/real.conf", "access_log /var/log/real.log;\n");
        tree.Symlink("etc/nginx/sites-enabled/real", "/srv/conf/real.conf");

        var result = Discover();

        result.ConfigFiles.Should().Equal("/etc/nginx/nginx.conf", "/srv/conf/real.conf");
        result.Logs.Should().ContainSingle().Which.HostPath.Should().Be("/var/log/real.log");
    }

    [Fact]
    public void A_config_file_over_16_MiB_is_skipped_with_a_warning()
    {
        tree.Write("etc/nginx/nginx.conf", "include conf.d/*.conf;\n");
        tree.Write("etc/nginx/conf.d/huge.conf", "access_log /var/log/huge.log;\n" + new string('#', ConfigTree.MaxFileBytes));
        tree.Write("etc/nginx/conf.d/small.conf", "access_log /var/log/small.log;\n");

        var result = Discover();

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/small.log");
        result.ConfigFiles.Should().NotContain("/etc/nginx/conf.d/huge.conf");
        result.Warnings.Should().ContainSingle().Which.Should().Be("/etc/nginx/nginx.conf:1: /etc/nginx/conf.d/huge.conf is larger than the 16 MiB read for discovery; not read");
    }

    [Fact]
    public void Reading_stops_after_1000_files_with_one_warning()
    {
        tree.Write("etc/nginx/nginx.conf", "include conf.d/*.conf;\n");
        for (var i = 0; i < 1010; i++)
        {
            tree.Write($"etc/nginx/conf.d/{i:D4}.conf", $"access_log /var/log/{i:D4}.log;\n");
        }

        var result = Discover();

        result.ConfigFiles.Should().HaveCount(ConfigTree.MaxFiles);
        result.Warnings.Should().ContainSingle().Which.Should().Contain("stopped after reading 1000 configuration files");
    }

    [Fact]
    public void No_nginx_configuration_gives_an_empty_result()
    {
        Discover().Should().BeEquivalentTo(DiscoveryResult.Empty);
    }
}
