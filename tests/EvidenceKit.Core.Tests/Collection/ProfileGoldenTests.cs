using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Profiles;
using EvidenceKit.Core.Profiles.Discovery;

namespace EvidenceKit.Core.Tests.Collection;

/// <summary>
/// Golden plans: every shipped system profile planned against one fixture tree holding the logs of many kinds of
/// server (and decoys no profile should take). The expected lists are the contract of the shipped profiles.
/// </summary>
public sealed class ProfileGoldenTests : IDisposable
{
    private static readonly string[] Tree =
    [
        "etc/os-release", "etc/passwd", "etc/machine-id",
        "var/log/syslog", "var/log/syslog.1", "var/log/syslog.2.gz", "var/log/messages-20261120", "var/log/auth.log", "var/log/auth.log.1",
        "var/log/secure", "var/log/kern.log", "var/log/cron", "var/log/dpkg.log", "var/log/apt/history.log", "var/log/wtmp", "var/log/btmp",
        "var/log/lastlog", "var/log/audit/audit.log", "var/log/journal/abc/system.journal",
        "etc/ssh/sshd_config", "root/.ssh/authorized_keys", "home/alice/.ssh/authorized_keys", "root/.bash_history", "home/alice/.bash_history",
        "etc/nginx/nginx.conf", "var/log/nginx/access.log", "var/log/nginx/access.log.1", "var/log/nginx/access.log.2.gz", "var/log/nginx/error.log",
        "etc/apache2/apache2.conf", "var/log/apache2/access.log", "var/log/apache2/error.log.1", "var/log/httpd/access_log-20261120",
        "var/log/squid/access.log", "etc/squid/squid.conf", "var/log/suricata/eve.json", "var/log/suricata/fast.log", "etc/suricata/suricata.yaml",
        "var/lib/docker/containers/c0ffee/c0ffee-json.log", "etc/docker/daemon.json",
        "var/log/mysql/error.log", "var/lib/mysql/ibdata1.not-a-log",
        "srv/www/index.php", "var/cache/decoy.log",
    ];

    private readonly TempDirectory _root = new("ek-golden-");

    public ProfileGoldenTests()
    {
        foreach (var file in Tree)
        {
            _root.Write(file, file + "\n");
        }
        _root.Write("var/lib/tomcat9/conf/server.xml", "<Server><Service><Engine><Host><Valve className=\"org.apache.catalina.valves.AccessLogValve\" directory=\"logs\" prefix=\"localhost_access_log\"/></Host></Engine></Service></Server>\n");
        _root.Write("var/lib/tomcat9/logs/localhost_access_log.2026-11-24.txt", "GET /manager\n");
        _root.Write("var/log/tomcat9/catalina.out", "started\n");
    }

    public void Dispose() => _root.Dispose();

    private IReadOnlyList<string> Planned(string profile)
    {
        var fs = new FileSystem();
        var discoverers = LogDiscoverers.Kinds.ToDictionary(k => k, LogDiscoverers.Get);
        var planner = new CollectionPlanner(new LinuxSourceFiles(_root.Path), discoverers);
        var plan = planner.Plan(ProfileCatalog.Embedded(new FileSystem()).Resolve(profile), new PlanningOptions());
        return plan.Files.Select(f => f.HostPath).ToList();
    }

    /// <summary>linux-base takes the named system records plus everything else under /var/log.</summary>
    private static string[] Base => [.. NamedBase.Union(Tree.Where(f => f.StartsWith("var/log/", StringComparison.Ordinal)).Select(f => "/" + f)).Append("/var/log/tomcat9/catalina.out")];

    private static readonly string[] NamedBase =
    [
        "/etc/ssh/sshd_config", "/home/alice/.bash_history", "/home/alice/.ssh/authorized_keys", "/root/.bash_history", "/root/.ssh/authorized_keys",
        "/var/log/apt/history.log", "/var/log/audit/audit.log", "/var/log/auth.log", "/var/log/auth.log.1", "/var/log/btmp", "/var/log/cron",
        "/var/log/dpkg.log", "/var/log/journal/abc/system.journal", "/var/log/kern.log", "/var/log/lastlog", "/var/log/messages-20261120",
        "/var/log/secure", "/var/log/syslog", "/var/log/syslog.1", "/var/log/syslog.2.gz", "/var/log/wtmp",
    ];

    [Fact]
    public void Linux_base_plans_system_auth_kernel_journal_audit_cron_package_login_ssh_and_shell_records_and_the_rest_of_var_log()
    {
        Planned("linux-base").Should().BeEquivalentTo(Base);
    }

    [Fact]
    public void Linux_web_nginx_adds_nginx_logs_with_rotated_and_compressed_siblings_and_its_config()
    {
        Planned("linux-web-nginx").Should().BeEquivalentTo([.. Base, "/etc/nginx/nginx.conf"]);
    }

    [Fact]
    public void Linux_web_apache_adds_apache2_and_httpd_logs()
    {
        Planned("linux-web-apache").Should().Contain([.. Base, "/var/log/apache2/access.log", "/var/log/apache2/error.log.1",
            "/var/log/httpd/access_log-20261120", "/etc/apache2/apache2.conf"]).And.NotContain("/etc/nginx/nginx.conf", "nginx configuration is only taken by the nginx target");
    }

    [Fact]
    public void Linux_proxy_squid_ids_suricata_and_docker_host_add_their_logs()
    {
        Planned("linux-proxy-squid").Should().Contain([.. Base, "/var/log/squid/access.log"]);
        Planned("linux-ids-suricata").Should().Contain([.. Base, "/var/log/suricata/eve.json", "/var/log/suricata/fast.log"]);
        Planned("linux-docker-host").Should().Contain([.. Base, "/var/lib/docker/containers/c0ffee/c0ffee-json.log", "/etc/docker/daemon.json"]);
    }

    [Fact]
    public void Linux_java_tomcat_finds_the_access_log_valve_directory_and_catalina_out()
    {
        Planned("linux-java-tomcat").Should().Contain([.. Base, "/var/lib/tomcat9/logs/localhost_access_log.2026-11-24.txt", "/var/log/tomcat9/catalina.out"]);
    }

    [Fact]
    public void Linux_lamp_adds_apache_and_mysql_logs()
    {
        Planned("linux-lamp").Should().Contain([.. Base, "/var/log/apache2/access.log", "/var/log/mysql/error.log"]);
    }

    [Theory]
    [InlineData("linux-base")]
    [InlineData("linux-web-nginx")]
    [InlineData("linux-web-apache")]
    [InlineData("linux-lamp")]
    [InlineData("linux-java-tomcat")]
    [InlineData("linux-proxy-squid")]
    [InlineData("linux-ids-suricata")]
    [InlineData("linux-docker-host")]
    public void No_profile_takes_web_content_caches_or_database_files(string profile)
    {
        Planned(profile).Should().NotContain(["/srv/www/index.php", "/var/cache/decoy.log", "/var/lib/mysql/ibdata1.not-a-log", "/etc/passwd"]);
    }

    [Fact]
    public void Windows_iis_collects_w3svc_httperr_and_event_logs_from_a_mixed_case_ntfs_tree()
    {
        using var image = new TempDirectory("ek-ntfs-");
        image.Write("inetpub/logs/LogFiles/W3SVC1/u_ex261124.log", "GET /aspnet_client/shell.aspx 200\n");
        image.Write("inetpub/logs/LogFiles/FTPSVC2/u_ex261124.log", "USER anonymous\n");
        image.Write("Windows/System32/LogFiles/HTTPERR/httperr1.log", "Timer_ConnectionIdle\n");
        image.Write("WINDOWS/system32/winevt/Logs/Security.evtx", "ElfFile");
        image.Write("Windows/System32/winevt/Logs/Microsoft-Windows-IIS-Configuration%4Operational.evtx", "ElfFile");
        image.Write("Windows/System32/inetsrv/config/applicationHost.config", "<configuration/>");
        image.Write("Windows/System32/drivers/etc/hosts", "decoy");
        var fs = new FileSystem();
        var planner = new CollectionPlanner(new LinuxSourceFiles(image.Path), new Dictionary<string, ILogDiscoverer>());

        var plan = planner.Plan(ProfileCatalog.Embedded(new FileSystem()).Resolve("windows-iis"), new PlanningOptions());

        plan.Files.Select(f => f.HostPath).Should().BeEquivalentTo([
            "/inetpub/logs/LogFiles/W3SVC1/u_ex261124.log", "/inetpub/logs/LogFiles/FTPSVC2/u_ex261124.log",
            "/Windows/System32/LogFiles/HTTPERR/httperr1.log", "/WINDOWS/system32/winevt/Logs/Security.evtx",
            "/Windows/System32/winevt/Logs/Microsoft-Windows-IIS-Configuration%4Operational.evtx",
            "/Windows/System32/inetsrv/config/applicationHost.config"]);
    }
}
