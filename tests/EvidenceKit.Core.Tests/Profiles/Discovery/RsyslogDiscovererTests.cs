using EvidenceKit.Core.Profiles.Discovery;
using EvidenceKit.Core.Tests.Profiles.Support;

namespace EvidenceKit.Core.Tests.Profiles.Discovery;

public sealed class RsyslogDiscovererTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private DiscoveryResult Discover() => LogDiscoverers.Get("rsyslog").Discover(tree.Port());

    [Fact]
    public void Legacy_and_rainerscript_actions_templates_and_includes_are_found()
    {
        tree.Write("etc/rsyslog.conf", """
            module(load="imuxsock")
            $FileOwner root
            $template PerHost,"/var/log/hosts/%HOSTNAME%/%PROGRAMNAME%.log"
            $IncludeConfig /etc/rsyslog.d/*.conf
            include(file="/etc/rsyslog.d/extra/" mode="optional")
            """);
        tree.Write("etc/rsyslog.d/50-default.conf", """
            auth,authpriv.*                 /var/log/auth.log
            *.*;auth,authpriv.none          -/var/log/syslog
            #cron.*                         /var/log/cron.log
            mail.err                        /var/log/mail.err;RSYSLOG_TraditionalFileFormat
            *.emerg                         :omusrmsg:*
            local0.*                        @@logs.example:514
            local1.*                        ?PerHost
            """);
        tree.Write("etc/rsyslog.d/60-app.conf", """
            /* block comment with /var/log/not-a-log.log */
            if $programname == 'shop' then {
                action(type="omfile"
                       file="/var/log/shop/shop.log")
                stop
            }
            :programname, isequal, "haproxy" /var/log/haproxy.log
            & stop
            template(name="Daily" type="string" string="/var/log/daily/%$YEAR%-%$MONTH%.log")
            action(type="omfile" dynaFile="Daily")
            if $syslogfacility-text == 'local7' then /var/log/boot.log
            action(type="omfwd" target="10.0.0.1")
            """);
        tree.Write("etc/rsyslog.d/extra/x", "kern.* /var/log/kern.log\n");

        var result = Discover();

        result.Logs.Should().BeEquivalentTo(new[]
        {
            new DiscoveredLog("/var/log/auth.log", "/etc/rsyslog.d/50-default.conf", 1),
            new DiscoveredLog("/var/log/syslog", "/etc/rsyslog.d/50-default.conf", 2),
            new DiscoveredLog("/var/log/mail.err", "/etc/rsyslog.d/50-default.conf", 4),
            new DiscoveredLog("/var/log/shop/shop.log", "/etc/rsyslog.d/60-app.conf", 3),
            new DiscoveredLog("/var/log/haproxy.log", "/etc/rsyslog.d/60-app.conf", 7),
            new DiscoveredLog("/var/log/boot.log", "/etc/rsyslog.d/60-app.conf", 11),
            new DiscoveredLog("/var/log/kern.log", "/etc/rsyslog.d/extra/x", 1),
            new DiscoveredLog("/var/log/hosts/*/*.log", "/etc/rsyslog.d/50-default.conf", 7),
            new DiscoveredLog("/var/log/daily/*-*.log", "/etc/rsyslog.d/60-app.conf", 10),
        }, o => o.WithStrictOrdering());
        result.ConfigFiles.Should().Equal(
            "/etc/rsyslog.conf", "/etc/rsyslog.d/50-default.conf", "/etc/rsyslog.d/60-app.conf", "/etc/rsyslog.d/extra/x");
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void An_include_loop_and_an_unknown_dynamic_template_end_in_warnings()
    {
        tree.Write("etc/rsyslog.conf", "include(file=\"/etc/rsyslog.d/a.conf\")\n");
        tree.Write("etc/rsyslog.d/a.conf", "$IncludeConfig /etc/rsyslog.conf\n*.* ?Nowhere\n");

        var result = Discover();

        result.Logs.Should().BeEmpty();
        result.Warnings.Should().HaveCount(2);
        result.Warnings[0].Should().StartWith("/etc/rsyslog.d/a.conf:1: include loop: /etc/rsyslog.conf is already being read");
        result.Warnings[1].Should().Be("/etc/rsyslog.d/a.conf:2: dynamic file template 'Nowhere' is not defined; ignored");
    }

    [Fact]
    public void An_include_that_climbs_out_of_the_root_is_refused_with_the_same_reason_as_in_every_discoverer()
    {
        // Given an include of a plain path that leaves the root through '..' (the rules are ConfigTree.Include's, shared)
        tree.Write("etc/rsyslog.conf", "$IncludeConfig /etc/../../../../outside.conf\n*.* /var/log/all.log\n");

        // When discovery runs
        var result = Discover();

        // Then nothing outside is read, the reason is named, and the rest of the file still counts
        result.Warnings.Should().ContainSingle().Which.Should().Be("/etc/rsyslog.conf:1: /etc/../../../../outside.conf climbs out of the root with '..'; not read");
        result.Logs.Select(l => l.HostPath).Should().Equal("/var/log/all.log");
    }

    [Fact]
    public void A_missing_optional_include_is_silent_and_a_missing_plain_one_is_named()
    {
        tree.Write("etc/rsyslog.conf", "include(file=\"/etc/opt.conf\" mode=\"optional\")\ninclude(file=\"/etc/need.conf\")\n");

        var result = Discover();

        result.Warnings.Should().ContainSingle().Which.Should().Be("/etc/rsyslog.conf:2: /etc/need.conf does not exist");
    }
}
