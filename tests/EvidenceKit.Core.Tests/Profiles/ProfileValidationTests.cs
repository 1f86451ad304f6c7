using EvidenceKit.Core.Profiles;
using EvidenceKit.Core.Tests.Profiles.Support;

namespace EvidenceKit.Core.Tests.Profiles;

public sealed class ProfileValidationTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    [Theory]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths: [/a, /b\n", 5, null, "not valid YAML")]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths: [/a]\ncolour: red\n", 5, "colour", "unknown key; allowed here: name, description, category, paths, exclude, max-file-size, discover")]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths: /var/log/app.log\n", 4, "paths", "must be a list of absolute paths or globs")]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths: [/a]\nmax-file-size: huge\n", 5, "max-file-size", "'huge' is not a size")]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths: [/a]\nmax-file-size: 10 PiB\n", 5, "max-file-size", "is not a size")]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths: [/a]\nmax-file-size: [1]\n", 5, "max-file-size", "must be a size")]
    [InlineData("description: d\ncategory: application\npaths: [/a]\n", 1, "name", "missing required key")]
    [InlineData("name: app\ncategory: application\npaths: [/a]\n", 1, "description", "missing required key")]
    [InlineData("name: app\ndescription: d\npaths: [/a]\n", 1, "category", "missing required key")]
    [InlineData("name: app\ndescription: d\ncategory: application\n", 1, "paths", "missing required key")]
    [InlineData("name: app\ndescription: d\ncategory: webserver\npaths: [/a]\n", 3, "category", "unknown category 'webserver'; allowed: web-server, application, service")]
    [InlineData("name: other\ndescription: d\ncategory: application\npaths: [/a]\n", 1, "name", "'other' must equal the file name 'app'")]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths: []\n", 4, "paths", "is empty")]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths:\n  - /var/log/a\n  - var/log/app/*.log\n", 6, "paths", "'var/log/app/*.log' is not absolute")]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths:\n  - 'inetpub\\logs\\*.log'\n", 5, "paths", "is not absolute")]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths: [/var/log/../../etc/shadow]\n", 4, "paths", "contains '..'")]
    [InlineData("name: app\ndescription: d\ncategory: application\npaths: [/a]\ndiscover: lighttpd\n", 5, "discover", "unknown discovery dialect 'lighttpd'; allowed: nginx, apache, tomcat, rsyslog")]
    [InlineData("name: app\ndescription: d\ndescription: e\ncategory: application\npaths: [/a]\n", 3, "description", "appears twice")]
    [InlineData("name: app\ndescription: [d]\ncategory: application\npaths: [/a]\n", 2, "description", "must be")]
    [InlineData("name: app\ndescription:\ncategory: application\npaths: [/a]\n", 2, "description", "must not be empty")]
    public void A_wrong_target_file_is_reported_with_its_file_line_and_key(string yaml, int line, string? key, string problem)
    {
        var path = tree.Write("profiles/targets/application/app.yaml", yaml);

        var act = () => ProfileCatalog.FromDirectory(new FileSystem(), tree.PathOf("profiles")).Check(path);

        var error = act.Should().Throw<ProfileException>().Which;
        error.File.Should().Be(path);
        error.Line.Should().Be(line);
        error.Key.Should().Be(key);
        error.Message.Should().StartWith(key is null ? $"{path}:{line}: " : $"{path}:{line}: '{key}': ");
        error.Message.Should().Contain(problem);
        error.Message.Should().NotContain("YamlDotNet").And.NotContain("   at ");
    }

    [Fact]
    public void A_target_whose_category_differs_from_its_folder_is_reported()
    {
        var path = tree.Write("profiles/targets/system/app.yaml", "name: app\ndescription: d\ncategory: application\npaths: [/a]\n");

        var act = () => ProfileCatalog.FromDirectory(new FileSystem(), tree.PathOf("profiles")).Check(path);

        act.Should().Throw<ProfileException>().WithMessage($"{path}:3: 'category': 'application' must equal the folder the file is in ('system')");
    }

    [Fact]
    public void An_unknown_include_names_the_file_line_and_the_known_profiles()
    {
        var path = tree.Write("profiles/systems/web.yaml", "name: web\ndescription: d\ninclude:\n  - linux-bse\ntargets: [nginx]\n");

        var act = () => ProfileCatalog.FromDirectory(new FileSystem(), tree.PathOf("profiles")).Resolve("web");

        act.Should().Throw<ProfileException>()
            .WithMessage($"{path}:4: 'include': no system profile named 'linux-bse'; known: linux-base, *web*");
    }

    [Fact]
    public void An_unknown_target_name_names_the_file_and_line()
    {
        var path = tree.Write("profiles/systems/web.yaml", "name: web\ndescription: d\ntargets:\n  - nginx\n  - ngnix\n");

        var act = () => ProfileCatalog.FromDirectory(new FileSystem(), tree.PathOf("profiles")).Check(path);

        act.Should().Throw<ProfileException>().WithMessage($"{path}:5: 'targets': no target named 'ngnix'*");
    }

    [Fact]
    public void An_include_cycle_is_reported_with_its_chain_at_the_include_that_closes_it()
    {
        tree.Write("profiles/systems/a.yaml", "name: a\ndescription: d\ninclude: [b]\ntargets: [auth]\n");
        var b = tree.Write("profiles/systems/b.yaml", "name: b\ndescription: d\ntargets: [kern]\ninclude:\n  - linux-base\n  - a\n");

        var act = () => ProfileCatalog.FromDirectory(new FileSystem(), tree.PathOf("profiles")).Resolve("a");

        act.Should().Throw<ProfileException>().WithMessage($"{b}:6: 'include': include cycle: a -> b -> a");
    }

    [Fact]
    public void A_profile_that_includes_itself_is_a_cycle()
    {
        var a = tree.Write("profiles/systems/a.yaml", "name: a\ndescription: d\ninclude: [a]\n");

        var act = () => ProfileCatalog.FromDirectory(new FileSystem(), tree.PathOf("profiles")).Resolve("a");

        act.Should().Throw<ProfileException>().WithMessage($"{a}:3: 'include': include cycle: a -> a");
    }

    [Fact]
    public void An_inline_target_with_a_wrong_path_is_reported_at_its_own_line()
    {
        var path = tree.Write("profiles/systems/shop.yaml", """
            name: shop
            description: the shop
            include: [linux-base]
            targets:
              - nginx
              - name: shop-app
                description: the shop's own logs
                category: application
                paths:
                  - /srv/shop/logs/**
                  - logs/*.log
            """);

        var act = () => ProfileCatalog.Embedded(new FileSystem()).Check(path);

        act.Should().Throw<ProfileException>().WithMessage($"{path}:11: 'paths': 'logs/*.log' is not absolute*");
    }

    [Fact]
    public void An_inline_target_that_redefines_an_included_target_is_refused()
    {
        var path = tree.Write("profiles/systems/shop.yaml", """
            name: shop
            description: the shop
            include: [linux-base]
            targets:
              - name: auth
                description: my auth
                category: system
                paths: [/srv/auth.log]
            """);

        var act = () => ProfileCatalog.Embedded(new FileSystem()).Resolve(path);

        act.Should().Throw<ProfileException>()
            .WithMessage($"{path}:5: 'targets': target 'auth' is already defined differently in embedded:profiles/targets/system/auth.yaml*");
    }

    [Fact]
    public void A_system_profile_without_targets_or_includes_is_reported()
    {
        var path = tree.Write("profiles/systems/x.yaml", "name: x\ndescription: d\n");

        var act = () => ProfileCatalog.Embedded(new FileSystem()).Check(path);

        act.Should().Throw<ProfileException>().WithMessage($"{path}:1: 'targets': missing required key*");
    }

    [Fact]
    public void An_unknown_system_key_lists_the_allowed_keys()
    {
        var path = tree.Write("profiles/systems/x.yaml", "name: x\ndescription: d\ntargets: [auth]\nincludes: [linux-base]\n");

        var act = () => ProfileCatalog.Embedded(new FileSystem()).Check(path);

        act.Should().Throw<ProfileException>()
            .WithMessage($"{path}:4: 'includes': unknown key; allowed here: name, description, include, targets, detect");
    }

    [Fact]
    public void A_file_that_is_not_a_mapping_or_is_empty_is_reported()
    {
        var list = tree.Write("a/list.yaml", "- one\n- two\n");
        var empty = tree.Write("a/empty.yaml", "# nothing\n");
        var catalog = ProfileCatalog.Embedded(new FileSystem());

        catalog.Invoking(c => c.Check(list)).Should().Throw<ProfileException>().WithMessage($"{list}:1: a profile must be a mapping*");
        catalog.Invoking(c => c.Check(empty)).Should().Throw<ProfileException>().WithMessage($"{empty}: the file is empty*");
        catalog.Invoking(c => c.Check(tree.PathOf("a/missing.yaml"))).Should().Throw<ProfileException>().WithMessage("*missing.yaml: file not found");
    }

    [Fact]
    public void An_unknown_profile_name_lists_the_known_ones()
    {
        var act = () => ProfileCatalog.Embedded(new FileSystem()).Resolve("linux-web-ngnix");

        act.Should().Throw<ProfileException>().WithMessage("--profile: no system profile named 'linux-web-ngnix'; known: linux-base, *linux-web-nginx*");
    }

    [Fact]
    public void Checking_a_good_target_file_returns_it_with_its_document()
    {
        var path = tree.Write("elsewhere/app.yaml", "name: app\ndescription: d\ncategory: application\npaths: ['D:\\App\\Logs\\*.log', /srv/app/**]\nmax-file-size: 10mb\n");

        var resolved = ProfileCatalog.Embedded(new FileSystem()).Check(path);

        var target = resolved.Targets.Should().ContainSingle().Which;
        target.Paths.Should().Equal(@"D:\App\Logs\*.log", "/srv/app/**");
        target.MaxFileSize.Should().Be(10_000_000);
        resolved.Documents.Should().ContainSingle().Which.Source.Should().Be(path);
    }
}
