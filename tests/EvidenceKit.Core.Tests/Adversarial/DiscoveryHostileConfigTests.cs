using EvidenceKit.Core.Profiles.Discovery;

namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>
/// The compromised server writes the web server and syslog configuration that discovery reads. Whatever it puts
/// there (a FIFO, a device, a link out of the root, a loop, a huge or endless file, a directory swapped for a link
/// while discovery runs) ends in a warning and discovery goes on; nothing outside the root is read or recorded, and
/// discovery never blocks. The examiner's own files are stood for by a sentinel directory outside the root.
/// </summary>
public sealed class DiscoveryHostileConfigTests : RootAndOutsideTest
{
    private const string PastAtime = "2020-05-05 05:05:05.123456789 UTC";
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly string _outsideConf;

    public DiscoveryHostileConfigTests()
        : base("disc")
    {
        _outsideConf = Outside.Write("conf/stolen.conf", "access_log /var/log/STOLEN-FROM-THE-EXAMINER.log;\nCustomLog /var/log/STOLEN-FROM-THE-EXAMINER.log combined\n*.* /var/log/STOLEN-FROM-THE-EXAMINER.log\n");
        Run.Tool("touch", ["-a", "-d", PastAtime, _outsideConf]).ExitCode.Should().Be(0);
    }

    private DiscoveryResult Discover(string kind, ISourceFiles? source = null)
    {
        using var port = new LinuxSourceFiles(Root.Path);
        var discovery = Task.Run(() => LogDiscoverers.Get(kind).Discover(source ?? port));
        discovery.Wait(HangGuard).Should().BeTrue("discovery must never block on what the server put in its configuration");
        return discovery.Result;
    }

    private void Fifo(string relative)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Root.Combine(relative))!);
        Run.Tool("mkfifo", [Root.Combine(relative)]).ExitCode.Should().Be(0);
    }

    private void CharacterDevice(string relative, string major, string minor)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Root.Combine(relative))!);
        var made = Run.Tool("mknod", [Root.Combine(relative), "c", major, minor]);
        made.ExitCode.Should().Be(0, "the tests run as root (CI does): " + made);
    }

    private void Link(string relative, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Root.Combine(relative))!);
        File.CreateSymbolicLink(Root.Combine(relative), target);
    }

    private void NothingOfTheExaminerWasRead(DiscoveryResult result)
    {
        result.Logs.Should().NotContain(l => l.HostPath.Contains("STOLEN", StringComparison.Ordinal));
        result.ConfigFiles.Should().NotContain(c => c.Contains(Outside.Path, StringComparison.Ordinal));
        Run.Tool("stat", ["-c", "%x", _outsideConf]).StdOut.Should().StartWith("2020-05-05 05:05:05.123456789");
    }

    [Fact]
    public void A_fifo_as_an_nginx_include_is_a_warning_and_the_other_includes_are_still_read()
    {
        Root.Write("etc/nginx/nginx.conf", "include conf.d/*.conf;\naccess_log /var/log/nginx/main.log;\n");
        Fifo("etc/nginx/conf.d/a-fifo.conf");
        Root.Write("etc/nginx/conf.d/b.conf", "access_log /var/log/nginx/b.log;\n");

        var result = Discover("nginx");

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/nginx/b.log", "/var/log/nginx/main.log");
        result.Warnings.Should().ContainSingle().Which.Should().Be("/etc/nginx/nginx.conf:1: /etc/nginx/conf.d/a-fifo.conf is a fifo, not a regular file; not read");
    }

    [Fact]
    public void A_fifo_as_nginx_conf_itself_is_a_warning_not_a_hang()
    {
        Fifo("etc/nginx/nginx.conf");

        var result = Discover("nginx");

        result.Logs.Should().BeEmpty();
        result.Warnings.Should().ContainSingle().Which.Should().Contain("/etc/nginx/nginx.conf is a fifo, not a regular file");
    }

    [Fact]
    public void A_fifo_as_an_apache_Include_is_a_warning_and_the_run_goes_on()
    {
        Root.Write("etc/apache2/apache2.conf", "Include ports.conf\nIncludeOptional conf-enabled/*.conf\nErrorLog /var/log/apache2/error.log\n");
        Fifo("etc/apache2/ports.conf");
        Fifo("etc/apache2/conf-enabled/fifo.conf");

        var result = Discover("apache");

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/apache2/error.log");
        result.Warnings.Should().HaveCount(2).And.OnlyContain(w => w.Contains("is a fifo, not a regular file; not read"));
    }

    [Fact]
    public void A_fifo_in_rsyslog_d_is_a_warning_and_the_other_d_files_are_read()
    {
        Root.Write("etc/rsyslog.conf", "auth.* /var/log/auth.log\n");
        Fifo("etc/rsyslog.d/10-fifo.conf");
        Root.Write("etc/rsyslog.d/20-ok.conf", "local0.* /var/log/local0.log\n");

        var result = Discover("rsyslog");

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/auth.log", "/var/log/local0.log");
        result.Warnings.Should().ContainSingle().Which.Should().Contain("/etc/rsyslog.d/10-fifo.conf is a fifo");
    }

    [Fact]
    public void Include_dev_zero_with_a_real_character_device_in_the_root_is_never_opened()
    {
        CharacterDevice("dev/zero", "1", "5");
        Root.Write("etc/nginx/nginx.conf", "include /dev/zero;\naccess_log /var/log/nginx/after.log;\n");

        var result = Discover("nginx");

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/nginx/after.log");
        result.Warnings.Should().ContainSingle().Which.Should().Be("/etc/nginx/nginx.conf:1: /dev/zero is a character-device, not a regular file; not read");
    }

    [Fact]
    public void An_include_linked_to_the_examiners_dev_zero_resolves_inside_the_root_and_reads_nothing()
    {
        Link("etc/nginx/conf.d/zero.conf", "/dev/zero");
        Root.Write("etc/nginx/nginx.conf", "include conf.d/*.conf;\n");

        var result = Discover("nginx");

        result.ConfigFiles.Should().Equal("/etc/nginx/nginx.conf");
        result.Warnings.Should().ContainSingle().Which.Should().Be("/etc/nginx/nginx.conf:1: /etc/nginx/conf.d/zero.conf does not exist");
    }

    [Fact]
    public void An_include_linked_to_etc_shadow_reads_the_roots_own_file_never_the_examiners()
    {
        // The absolute link names a file that exists on the examiner's machine (the sentinel) but not in the image.
        Link("etc/nginx/conf.d/abs.conf", _outsideConf);
        Link("etc/nginx/conf.d/shadow.conf", "/etc/shadow");
        Link("etc/nginx/conf.d/rel.conf", "../../../../../../../../.." + _outsideConf);
        Root.Write("etc/nginx/nginx.conf", "include conf.d/*.conf;\n");

        var result = Discover("nginx");

        NothingOfTheExaminerWasRead(result);
        result.ConfigFiles.Should().Equal("/etc/nginx/nginx.conf");
        result.Warnings.Should().HaveCount(3);
        result.Warnings.Should().Contain(w => w.Contains("/etc/nginx/conf.d/rel.conf leaves the root through '..'"));
        result.Warnings.Should().Contain(w => w.EndsWith("/etc/nginx/conf.d/shadow.conf does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_config_directory_linked_to_the_examiners_directory_is_listed_inside_the_root()
    {
        Link("etc/nginx/conf.d", Path.GetDirectoryName(_outsideConf)!);
        Link("etc/apache2/conf-enabled", Path.GetDirectoryName(_outsideConf)!);
        Link("etc/rsyslog.d", Path.GetDirectoryName(_outsideConf)!);
        Root.Write("etc/nginx/nginx.conf", "include conf.d/*.conf;\n");
        Root.Write("etc/apache2/apache2.conf", "IncludeOptional conf-enabled/*.conf\n");
        Root.Write("etc/rsyslog.conf", "$IncludeConfig /etc/rsyslog.d/*.conf\n");

        foreach (var kind in new[] { "nginx", "apache", "rsyslog" })
        {
            NothingOfTheExaminerWasRead(Discover(kind));
        }
    }

    [Fact]
    public void A_directory_swapped_for_a_link_to_the_examiners_files_between_lookup_and_read_reads_nothing_outside()
    {
        Root.Write("etc/nginx/nginx.conf", "include conf.d/*.conf;\n");
        Root.Write("etc/nginx/conf.d/stolen.conf", "access_log /var/log/nginx/inside.log;\n");
        using var port = new LinuxSourceFiles(Root.Path);
        var swapped = false;
        var racing = new SwappingSource(port, path =>
        {
            if (path == "/etc/nginx/conf.d/stolen.conf" && !swapped)
            {
                // The attacker renames conf.d away and links it to the examiner's directory, after discovery looked.
                Directory.Move(Root.Combine("etc/nginx/conf.d"), Root.Combine("etc/nginx/conf.d.old"));
                File.CreateSymbolicLink(Root.Combine("etc/nginx/conf.d"), Path.GetDirectoryName(_outsideConf)!);
                swapped = true;
            }
        });

        var result = Discover("nginx", racing);

        swapped.Should().BeTrue();
        NothingOfTheExaminerWasRead(result);
        result.Warnings.Should().ContainSingle().Which.Should().Contain("/etc/nginx/conf.d/stolen.conf cannot be read");
    }

    [Fact]
    public void A_chain_of_includes_deeper_than_the_limit_stops_with_a_warning()
    {
        var depth = ConfigTree.MaxDepth + 4;
        Root.Write("etc/nginx/nginx.conf", "include d1.conf;\n");
        for (var i = 1; i <= depth; i++)
        {
            Root.Write($"etc/nginx/d{i}.conf", $"access_log /var/log/d{i}.log;\ninclude d{i + 1}.conf;\n");
        }

        var result = Discover("nginx");

        result.ConfigFiles.Should().HaveCount(ConfigTree.MaxDepth);
        result.Warnings.Should().ContainSingle().Which.Should().Contain($"includes nest deeper than {ConfigTree.MaxDepth} files");
    }

    [Fact]
    public void Includes_that_total_more_than_the_run_limit_stop_with_one_warning()
    {
        Root.Write("etc/nginx/nginx.conf", "include conf.d/*.conf;\n");
        var chunk = new string('#', 15 * 1024 * 1024);
        for (var i = 0; i < 5; i++)
        {
            Root.Write($"etc/nginx/conf.d/{i}.conf", $"access_log /var/log/{i}.log;\n{chunk}\n");
        }

        var result = Discover("nginx");

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/0.log", "/var/log/1.log", "/var/log/2.log", "/var/log/3.log");
        result.Warnings.Should().ContainSingle().Which.Should().Contain("stopped after reading 64 MiB of configuration; /etc/nginx/conf.d/4.conf");
    }

    [Fact]
    public void A_link_loop_as_an_include_is_a_warning()
    {
        Link("etc/nginx/conf.d/a.conf", "b.conf");
        Link("etc/nginx/conf.d/b.conf", "a.conf");
        Root.Write("etc/nginx/nginx.conf", "include conf.d/a.conf;\naccess_log /var/log/ok.log;\n");

        var result = Discover("nginx");

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/ok.log");
        result.Warnings.Should().ContainSingle().Which.Should().Contain("too many levels of symbolic links");
    }

    [Fact]
    public void An_unreadable_include_and_an_unlistable_include_directory_are_warnings_and_the_run_goes_on()
    {
        // Root reads everything, so permission denied is injected at the port (the one fault root cannot meet here).
        Root.Write("etc/nginx/nginx.conf", "include locked.conf;\ninclude locked.d/*.conf;\naccess_log /var/log/ok.log;\n");
        Root.Write("etc/nginx/locked.conf", "access_log /var/log/locked.log;\n");
        Root.Write("etc/nginx/locked.d/a.conf", "access_log /var/log/a.log;\n");
        using var port = new LinuxSourceFiles(Root.Path);
        var denying = new DenyingSource(port, "/etc/nginx/locked.conf", "/etc/nginx/locked.d");

        var result = Discover("nginx", denying);

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/ok.log");
        result.Warnings.Should().Equal(
            "/etc/nginx/nginx.conf:1: /etc/nginx/locked.conf cannot be read: permission denied",
            "/etc/nginx/locked.d cannot be listed: permission denied");
    }

    /// <summary>Answers "permission denied" for reads and listings of the given host paths.</summary>
    private sealed class DenyingSource(ISourceFiles inner, params string[] denied) : DelegatingSource(inner)
    {
        public override byte[] ReadAll(string hostPath, int maxBytes) =>
            denied.Contains(hostPath) ? throw Denied(hostPath) : Inner.ReadAll(hostPath, maxBytes);

        public override IReadOnlyList<SourceEntry> List(string hostDir) =>
            denied.Contains(hostDir) ? throw Denied(hostDir) : Inner.List(hostDir);

        private static SourceFileException Denied(string path) => new(path, "permission denied", SourceFault.PermissionDenied);
    }

    /// <summary>Runs an action before the real read of a config file, so a test can swap a path between lookup and read.</summary>
    private sealed class SwappingSource(ISourceFiles inner, Action<string> beforeRead) : DelegatingSource(inner)
    {
        public override byte[] ReadAll(string hostPath, int maxBytes)
        {
            beforeRead(hostPath);
            return Inner.ReadAll(hostPath, maxBytes);
        }
    }
}
