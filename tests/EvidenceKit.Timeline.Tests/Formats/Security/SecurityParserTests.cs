using EvidenceKit.Timeline.Formats.Fail2ban;
using EvidenceKit.Timeline.Formats.ModSecurity;
using EvidenceKit.Timeline.Formats.Suricata;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Security;

public sealed class SecurityParserTests
{
    /// <summary>
    /// Suricata cannot run here; lines follow Suricata's "Eve JSON Format" documentation (alert and http event
    /// types, <c>timestamp</c> with a <c>+0000</c>-style offset). Values are our own.
    /// </summary>
    [Fact]
    public void Suricata_alert_and_http_events_read_with_their_offsets_and_signature()
    {
        var log = """
            {"timestamp":"2026-12-01T11:00:00.123456+0100","flow_id":1234,"in_iface":"eth0","event_type":"alert","src_ip":"203.0.113.9","src_port":52100,"dest_ip":"192.0.2.1","dest_port":80,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2019401,"rev":3,"signature":"ET SCAN Nikto Web App Scan in Progress","category":"Web Application Attack","severity":1}}
            {"timestamp":"2026-12-01T10:00:01.000000+0000","event_type":"http","src_ip":"203.0.113.9","src_port":52101,"dest_ip":"192.0.2.1","dest_port":80,"proto":"TCP","http":{"hostname":"www.example.com","url":"/admin.php","http_user_agent":"Nikto","http_method":"GET","status":404}}
            """;
        var parser = new SuricataEveParser();

        ParserHarness.Fits(parser, "eve.json", log).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(parser, "eve.json", log);

        sink.Unparsed.Should().BeEmpty();
        var alert = sink.Events[0];
        alert.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560));
        alert.Fields["alert_signature"].Should().Be("ET SCAN Nikto Web App Scan in Progress");
        alert.Fields["alert_signature_id"].Should().Be("2019401");
        alert.Fields["client_ip"].Should().Be("203.0.113.9");
        alert.Fields["server_port"].Should().Be("80");
        alert.Message.Should().Be("alert 203.0.113.9:52100 -> 192.0.2.1:80 ET SCAN Nikto Web App Scan in Progress");
        sink.Events[1].Fields["status"].Should().Be("404");
        sink.Events[1].Fields["url"].Should().Be("/admin.php");
    }

    [Fact]
    public void Suricata_lines_that_are_not_json_objects_with_a_zoned_time_are_unparsed()
    {
        var log = "{\"timestamp\":\"2026-12-01T10:00:00\",\"event_type\":\"alert\"}\n[1,2]\n{\"event_type\":\n{\"timestamp\":5}\n";

        var sink = ParserHarness.Run(new SuricataEveParser(), "eve.json", log);

        sink.Events.Should().BeEmpty();
        sink.Unparsed.Should().HaveCount(4);
    }

    /// <summary>
    /// ModSecurity cannot run here; the transaction follows the ModSecurity 2.x Reference Manual's "Audit Log"
    /// section (serial format, parts A, B, F, H, Z with <c>--boundary-X--</c> separators). Values are our own.
    /// </summary>
    [Fact]
    public void A_modsecurity_transaction_becomes_one_event_with_request_status_and_rules()
    {
        var log = """
            --a1b2c3d4-A--
            [01/Dec/2026:11:00:00.123456 +0100] Z2xvYmFsLXR4LTEK 203.0.113.9 52100 192.0.2.1 443
            --a1b2c3d4-B--
            GET /index.php?id=1'%20OR%20'1'='1 HTTP/1.1
            Host: www.example.com
            User-Agent: sqlmap/1.7

            --a1b2c3d4-F--
            HTTP/1.1 403 Forbidden
            Content-Type: text/html

            --a1b2c3d4-H--
            Message: Access denied with code 403 (phase 2). detected SQLi using libinjection. [file "/etc/modsecurity/crs/REQUEST-942-APPLICATION-ATTACK-SQLI.conf"] [line "45"] [id "942100"] [msg "SQL Injection Attack Detected via libinjection"] [severity "CRITICAL"]
            Action: Intercepted (phase 2)

            --a1b2c3d4-Z--

            stray line between transactions
            """;
        var parser = new ModSecurityParser();

        ParserHarness.Fits(parser, "modsec_audit.log", log).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(parser, "modsec_audit.log", log);

        var tx = sink.Events.Should().ContainSingle().Subject;
        tx.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560));
        tx.Position.Should().Be(1);
        tx.Fields["transaction_id"].Should().Be("Z2xvYmFsLXR4LTEK");
        tx.Fields["client_ip"].Should().Be("203.0.113.9");
        tx.Fields["method"].Should().Be("GET");
        tx.Fields["url"].Should().Be("/index.php?id=1'%20OR%20'1'='1");
        tx.Fields["vhost"].Should().Be("www.example.com");
        tx.Fields["user_agent"].Should().Be("sqlmap/1.7");
        tx.Fields["status"].Should().Be("403");
        tx.Fields["rule_ids"].Should().Be("942100");
        tx.Fields["rule_messages"].Should().Be("SQL Injection Attack Detected via libinjection");
        tx.Fields["action"].Should().Be("Intercepted (phase 2)");
        sink.Unparsed.Should().ContainSingle().Which.Original.Should().Be("stray line between transactions");
    }

    [Fact]
    public void A_modsecurity_transaction_cut_before_part_z_is_still_reported_at_the_end()
    {
        var log = "--ffff0000-A--\n[01/Dec/2026:10:00:00 +0000] TX2 203.0.113.9 1 192.0.2.1 80\n--ffff0000-B--\nGET / HTTP/1.1\n";

        var sink = ParserHarness.Run(new ModSecurityParser(), "modsec_audit.log", log);

        sink.Events.Should().ContainSingle().Which.Fields["transaction_id"].Should().Be("TX2");
    }

    /// <summary>Lines as fail2ban 0.11 writes them (its default <c>logtarget</c> format, fail2ban's own documentation), and the older form without the pid.</summary>
    [Fact]
    public void Fail2ban_bans_read_in_the_host_zone_with_jail_and_address()
    {
        var log = """
            2026-12-01 11:00:00,123 fail2ban.filter         [1234]: INFO    [sshd] Found 203.0.113.9 - 2026-12-01 11:00:00
            2026-12-01 11:00:05,500 fail2ban.actions        [1234]: NOTICE  [sshd] Ban 203.0.113.9
            2016-07-01 11:00:00,000 fail2ban.actions: WARNING [ssh] Unban 198.51.100.7
            """;
        var parser = new Fail2banParser();

        ParserHarness.Fits(parser, "fail2ban.log", log).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(parser, "fail2ban.log", log, ParserHarness.Clock(ParserHarness.Berlin));

        sink.Unparsed.Should().BeEmpty();
        var ban = sink.Events[1];
        ban.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 5, 500, TimeSpan.Zero));
        ban.TimeNote.Should().Be("zone assumed Europe/Berlin");
        ban.Fields["action"].Should().Be("Ban");
        ban.Fields["client_ip"].Should().Be("203.0.113.9");
        ban.Fields["jail"].Should().Be("sshd");
        ban.Fields["pid"].Should().Be("1234");
        sink.Events[2].Time.Should().Be(new DateTimeOffset(2016, 7, 1, 9, 0, 0, TimeSpan.Zero), "summer time in Berlin is UTC+2");
        sink.Events[2].Fields["action"].Should().Be("Unban");
    }
}
