using System.Reflection;
using EvidenceKit.Core.Profiles;
using EvidenceKit.Core.Profiles.Loading;

namespace EvidenceKit.Core.Tests.Profiles;

public sealed class ShippedProfilesTests
{
    private static readonly string[] ExpectedSystems =
    [
        "linux-base", "linux-docker-host", "linux-ids-suricata", "linux-java-tomcat", "linux-lamp", "linux-proxy-squid",
        "linux-web-apache", "linux-web-nginx", "windows-base", "windows-iis",
    ];

    private static readonly string[] ExpectedTargets =
    [
        "apache", "auditd", "auth", "cron", "docker", "fail2ban", "haproxy", "iis", "iis-config", "iis-httperr", "iptables",
        "journald", "kern", "login-records", "modsecurity", "mysql", "nginx", "package-manager", "php-fpm", "postgresql",
        "shell-history", "snort", "squid", "sshd", "suricata", "syslog", "tomcat", "ufw", "var-log", "windows-event-logs",
    ];

    [Fact]
    public void Every_shipped_system_profile_and_target_file_loads_and_validates()
    {
        var catalog = ProfileCatalog.Embedded(new FileSystem());

        catalog.SystemNames.Should().BeEquivalentTo(ExpectedSystems);
        catalog.TargetNames.Should().BeEquivalentTo(ExpectedTargets);
        catalog.Invoking(c => c.ValidateAll()).Should().NotThrow();
        foreach (var name in catalog.SystemNames)
        {
            var resolved = catalog.Resolve(name);
            resolved.Targets.Should().NotBeEmpty(name);
            resolved.Targets.Select(t => t.Name).Should().OnlyHaveUniqueItems(name);
            resolved.Documents.Should().Contain(d => d.Source == $"embedded:profiles/systems/{name}.yaml", name);
        }
    }

    [Fact]
    public void Every_shipped_file_has_the_name_of_its_file_and_the_category_of_its_folder()
    {
        var resources = typeof(ProfileCatalog).Assembly.GetManifestResourceNames()
            .Select(r => r.Replace('\\', '/'))
            .Where(r => r.StartsWith("profiles/", StringComparison.Ordinal))
            .ToList();

        resources.Should().HaveCount(ExpectedSystems.Length + ExpectedTargets.Length);
        foreach (var resource in resources)
        {
            var text = ReadResource(resource);
            var map = YamlMap.ParseDocument(resource, text);
            var parts = resource.Split('/');
            map.RequiredText("name", "name").Value.Should().Be(Path.GetFileNameWithoutExtension(resource), resource);
            if (parts[1] == "targets")
            {
                map.RequiredText("category", "category").Value.Should().Be(parts[2], resource);
            }
        }
    }

    [Fact]
    public void Every_linux_system_profile_includes_linux_base_and_windows_iis_collects_the_iis_and_event_logs()
    {
        var catalog = ProfileCatalog.Embedded(new FileSystem());
        var baseTargets = catalog.Resolve("linux-base").Targets.Select(t => t.Name).ToList();

        baseTargets.Should().Equal(
            "syslog", "auth", "kern", "journald", "auditd", "cron", "package-manager", "login-records", "sshd", "shell-history", "var-log");
        foreach (var name in catalog.SystemNames.Where(n => n.StartsWith("linux-", StringComparison.Ordinal) && n != "linux-base"))
        {
            catalog.Resolve(name).Targets.Select(t => t.Name).Should().StartWith(baseTargets, name);
        }

        catalog.Resolve("linux-lamp").Targets.Select(t => t.Name).Should().EndWith(["apache", "php-fpm", "mysql"]);
        catalog.Resolve("windows-iis").Targets.Select(t => t.Name).Should()
            .BeEquivalentTo(["iis", "iis-httperr", "iis-config", "windows-event-logs"]);
    }

    [Fact]
    public void Windows_targets_keep_their_windows_form()
    {
        var iis = ProfileCatalog.Embedded(new FileSystem()).Resolve("windows-iis").Targets;

        iis.Single(t => t.Name == "iis-config").Paths.Should().Contain(@"C:\Windows\System32\inetsrv\config\applicationHost.config");
        iis.Single(t => t.Name == "iis").Paths.Should().Contain(@"C:\inetpub\logs\LogFiles\W3SVC*\**");
        iis.Single(t => t.Name == "windows-event-logs").Paths.Should().Equal(@"C:\Windows\System32\winevt\Logs\*.evtx");
    }

    [Fact]
    public void Resolving_records_every_file_read_with_its_exact_text_and_sha256()
    {
        var resolved = ProfileCatalog.Embedded(new FileSystem()).Resolve("linux-web-nginx");

        resolved.Names.Should().Equal("linux-web-nginx");
        resolved.Description.Should().Be("Linux web server running nginx");
        resolved.Documents.Select(d => d.Source).Should().StartWith(
            ["embedded:profiles/systems/linux-web-nginx.yaml", "embedded:profiles/systems/linux-base.yaml", "embedded:profiles/targets/system/syslog.yaml"]);
        resolved.Documents.Should().Contain(d => d.Source == "embedded:profiles/targets/web-server/nginx.yaml" && d.Name == "nginx");
        resolved.Documents.Should().HaveCount(1 + 1 + 11 + 1);
        foreach (var document in resolved.Documents)
        {
            var text = ReadResource(document.Source["embedded:".Length..]);
            document.Text.Should().Be(text);
            document.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));
        }

        resolved.Targets.Single(t => t.Name == "nginx").Discover.Should().Be("nginx");
        resolved.Targets.Single(t => t.Name == "nginx").DefinedIn.Should().Be("embedded:profiles/targets/web-server/nginx.yaml");
    }

    [Fact]
    public void Listing_names_every_profile_with_its_description_categories_and_source()
    {
        var list = ProfileCatalog.Embedded(new FileSystem()).List();

        list.Select(s => s.Name).Should().Equal(ExpectedSystems);
        var nginx = list.Single(s => s.Name == "linux-web-nginx");
        nginx.Categories.Should().Equal("web-server", "system", "shell");
        nginx.Source.Should().Be("embedded:profiles/systems/linux-web-nginx.yaml");
        list.Single(s => s.Name == "linux-docker-host").Categories.Should().Contain("container");
    }

    [Fact]
    public void A_profile_file_given_by_path_is_resolved_against_the_catalog()
    {
        using var tree = new Support.TempTree();
        var path = tree.Write("mine/shop.yaml", """
            name: shop
            description: the shop server
            include: [linux-web-nginx]
            targets:
              - name: shop-app
                description: the shop's own logs
                category: application
                paths: [/srv/shop/logs/**]
                exclude: ["**/*.tmp"]
                max-file-size: 2GiB
            """);

        var resolved = ProfileCatalog.Embedded(new FileSystem()).Resolve(path);

        resolved.Names.Should().Equal("shop");
        resolved.Targets.Select(t => t.Name).Should().Contain(["nginx", "syslog", "shop-app"]);
        var shop = resolved.Targets.Single(t => t.Name == "shop-app");
        shop.Category.Should().Be(TargetCategory.Application);
        shop.MaxFileSize.Should().Be(2L << 30);
        shop.Exclude.Should().Equal("**/*.tmp");
        shop.DefinedIn.Should().Be(path);
        resolved.Documents[0].Source.Should().Be(path);
    }

    private static string ReadResource(string name)
    {
        var assembly = typeof(ProfileCatalog).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(r => r.Replace('\\', '/') == name);
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }
}
