using EvidenceKit.Core.Profiles.Discovery;
using EvidenceKit.Core.Tests.Profiles.Support;

namespace EvidenceKit.Core.Tests.Profiles.Discovery;

public sealed class ApacheDiscovererTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private DiscoveryResult Discover() => LogDiscoverers.Get("apache").Discover(tree.Port());

    [Fact]
    public void Debian_log_paths_use_APACHE_LOG_DIR_from_envvars_and_follow_includes()
    {
        tree.Write("etc/apache2/envvars", """
            unset HOME
            if [ "${APACHE_CONFDIR##/etc/apache2-}" != "${APACHE_CONFDIR}" ] ; then
                SUFFIX="-${APACHE_CONFDIR##/etc/apache2-}"
            else
                SUFFIX=
            fi
            export APACHE_RUN_USER=www-data
            export APACHE_LOG_DIR=/var/log/apache2$SUFFIX
            """);
        tree.Write("etc/apache2/apache2.conf", """
            DefaultRuntimeDir ${APACHE_RUN_DIR}
            ErrorLog ${APACHE_LOG_DIR}/error.log
            Include ports.conf
            IncludeOptional conf-enabled/*.conf
            IncludeOptional sites-enabled/*.conf
            """);
        tree.Write("etc/apache2/ports.conf", "Listen 80\n");
        tree.Write("etc/apache2/sites-available/shop.conf", """
            <VirtualHost *:80>
                # CustomLog /var/log/commented.log combined
                CustomLog ${APACHE_LOG_DIR}/shop_access.log combined
                CustomLog "|/usr/bin/logger -t shop" combined
                TransferLog "|/usr/sbin/rotatelogs -l /var/log/apache2/rotated.log 86400"
                ErrorLog syslog:local1
                CustomLog \
                    /srv/shop/logs/continued.log combined
            </VirtualHost>
            """);
        tree.Symlink("etc/apache2/sites-enabled/shop.conf", "../sites-available/shop.conf");

        var result = Discover();

        result.Logs.Should().BeEquivalentTo(new[]
        {
            new DiscoveredLog("/var/log/apache2/error.log", "/etc/apache2/apache2.conf", 2),
            new DiscoveredLog("/var/log/apache2/shop_access.log", "/etc/apache2/sites-available/shop.conf", 3),
            new DiscoveredLog("/var/log/apache2/rotated.log*", "/etc/apache2/sites-available/shop.conf", 5),
            new DiscoveredLog("/srv/shop/logs/continued.log", "/etc/apache2/sites-available/shop.conf", 7),
        }, o => o.WithStrictOrdering());
        result.ConfigFiles.Should().Equal(
            "/etc/apache2/apache2.conf", "/etc/apache2/envvars", "/etc/apache2/ports.conf", "/etc/apache2/sites-available/shop.conf");
        result.Warnings.Should().HaveCount(2);
        result.Warnings[0].Should().Be("/etc/apache2/apache2.conf:1: DefaultRuntimeDir ${APACHE_RUN_DIR} uses a variable that is not defined; ignored");
        result.Warnings[1].Should().StartWith("/etc/apache2/sites-available/shop.conf:4: CustomLog pipes to a program (/usr/bin/logger -t shop)");
    }

    [Fact]
    public void Rhel_relative_paths_are_taken_against_the_ServerRoot_in_force_and_its_logs_link_is_followed()
    {
        tree.Write("etc/httpd/conf/httpd.conf", """
            ServerRoot "/etc/httpd"
            ErrorLog "logs/error_log"
            Include conf.modules.d/*.conf
            IncludeOptional conf.d
            """);
        tree.Folder("var/log/httpd");
        tree.Symlink("etc/httpd/logs", "../../var/log/httpd");
        tree.Write("etc/httpd/conf.modules.d/00-base.conf", "LoadModule log_config_module modules/mod_log_config.so\n");
        tree.Write("etc/httpd/conf.d/ssl.conf", "CustomLog logs/ssl_request_log \"%t %h\"\n");
        tree.Write("etc/httpd/conf.d/deeper/app.conf", "ServerRoot /opt/app\nCustomLog logs/app_log combined\nSecAuditLog /var/log/httpd/modsec_audit.log\n");

        var result = Discover();

        result.Logs.Select(l => l.HostPath).Should().Equal(
            "/var/log/httpd/error_log", "/opt/app/logs/app_log", "/var/log/httpd/modsec_audit.log", "/opt/app/logs/ssl_request_log");
        result.ConfigFiles.Should().Equal(
            "/etc/httpd/conf/httpd.conf", "/etc/httpd/conf.modules.d/00-base.conf", "/etc/httpd/conf.d/deeper/app.conf", "/etc/httpd/conf.d/ssl.conf");
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Define_variables_a_missing_Include_and_an_include_loop_are_handled()
    {
        tree.Write("etc/httpd/conf/httpd.conf", """
            Define LOGS /data/logs
            CustomLog ${LOGS}/access_log combined
            Include conf/missing.conf
            Include conf/loop.conf
            """);
        tree.Write("etc/httpd/conf/loop.conf", "Include conf/httpd.conf\n");

        var result = Discover();

        result.Logs.Select(l => l.HostPath).Should().Equal("/data/logs/access_log");
        result.Warnings.Should().HaveCount(2);
        result.Warnings[0].Should().Be("/etc/httpd/conf/httpd.conf:3: /etc/httpd/conf/missing.conf does not exist");
        result.Warnings[1].Should().StartWith("/etc/httpd/conf/loop.conf:1: include loop: /etc/httpd/conf/httpd.conf is already being read");
    }

    [Fact]
    public void A_log_path_that_climbs_out_of_the_root_is_refused()
    {
        tree.Write("etc/apache2/apache2.conf", "ErrorLog ../../../../../../../../../tmp/x.log\nErrorLog /var/log/apache2/error.log\n");

        var result = Discover();

        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/apache2/error.log");
        result.Warnings.Should().ContainSingle().Which.Should().StartWith("/etc/apache2/apache2.conf:1: log path /etc/apache2/../../../../../../../../../tmp/x.log climbs out of the root");
    }

    [Theory]
    [InlineData("|/usr/sbin/rotatelogs /var/log/httpd/access_log 86400", "/var/log/httpd/access_log")]
    [InlineData("|$/usr/bin/rotatelogs -l -L /var/log/current.log -n 5 logs/a.log 10M", "logs/a.log")]
    [InlineData("|/usr/bin/logger -t httpd", null)]
    public void The_file_of_a_rotatelogs_pipe_is_recognised(string pipe, string? file)
    {
        ApacheDiscovererRotatelogs(pipe).Should().Be(file);
    }

    private static string? ApacheDiscovererRotatelogs(string pipe) =>
        typeof(LogDiscoverers).Assembly.GetType("EvidenceKit.Core.Profiles.Discovery.ApacheDiscoverer")!
            .GetMethod("RotatelogsFile", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public)!
            .Invoke(null, [pipe]) as string;
}
