using EvidenceKit.Timeline.Formats.Syslog;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Tests.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Syslog;

/// <summary>
/// Syslog lines as the programs write them. Samples: OpenSSH 9.2 auth.c messages, sudo 1.9 (plugins/sudoers/logging.c),
/// util-linux su, pam_unix, and the kernel's netfilter LOG target as UFW configures it (ufw's before.rules prefixes).
/// </summary>
public sealed class SyslogParserTests
{
    private static LogEvent One(string line, string path = "/var/log/auth.log", string zone = "UTC", DateTimeOffset? modified = null)
    {
        var sink = CollectingSink.Parse(new SyslogParser(), path, line + "\n", zone, modified);
        sink.UnparsedLines.Should().BeEmpty();
        return sink.Events.Single();
    }

    [Fact]
    public void A_sudo_command_names_the_user_the_target_user_and_the_command()
    {
        var e = One("Dec  1 10:00:00 web01 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id -u");

        e.Fields.Should().Contain(new Dictionary<string, string>
        {
            ["auth_event"] = "sudo", ["user"] = "alice", ["target_user"] = "root", ["command"] = "/usr/bin/id -u", ["tty"] = "pts/0", ["outcome"] = "success",
        });
    }

    [Fact]
    public void Sudo_with_wrong_passwords_and_a_pam_failure_are_failures()
    {
        One("Dec  1 10:00:00 web01 sudo:    alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/sh")
            .Fields.Should().Contain("outcome", "failure").And.Contain("user", "alice").And.Contain("command", "/bin/sh");
        One("Dec  1 10:00:00 web01 sudo: pam_unix(sudo:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=alice")
            .Fields.Should().Contain("outcome", "failure").And.Contain("user", "alice");
    }

    [Fact]
    public void Su_success_and_failure_name_both_users()
    {
        One("Dec  1 10:00:00 web01 su[99]: (to root) alice on pts/1").Fields.Should()
            .Contain("outcome", "success").And.Contain("user", "alice").And.Contain("target_user", "root");
        One("Dec  1 10:00:00 web01 su[99]: FAILED SU (to root) mallory on pts/2").Fields.Should()
            .Contain("outcome", "failure").And.Contain("user", "mallory").And.Contain("target_user", "root");
    }

    [Fact]
    public void Sshd_invalid_users_and_pam_failures_carry_the_source_address()
    {
        One("Dec  1 10:00:00 web01 sshd[7]: Invalid user admin from 203.0.113.50 port 40022").Fields.Should()
            .Contain("outcome", "failure").And.Contain("user", "admin").And.Contain("client_ip", "203.0.113.50");
        One("Dec  1 10:00:00 web01 sshd[7]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.51  user=root")
            .Fields.Should().Contain("outcome", "failure").And.Contain("client_ip", "203.0.113.51").And.Contain("user", "root");
    }

    [Fact]
    public void A_ufw_block_line_gives_action_addresses_protocol_and_ports()
    {
        var e = One("Dec  1 10:00:00 web01 kernel: [ 1234.567890] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=203.0.113.7 DST=192.0.2.10 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=4242 DF PROTO=TCP SPT=51515 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0",
            "/var/log/kern.log");

        e.Fields.Should().Contain(new Dictionary<string, string>
        {
            ["fw_action"] = "UFW BLOCK", ["in_interface"] = "eth0", ["src_ip"] = "203.0.113.7", ["dst_ip"] = "192.0.2.10",
            ["protocol"] = "TCP", ["src_port"] = "51515", ["dst_port"] = "22",
        });
        e.Fields.Should().NotContainKey("out_interface");
    }

    [Fact]
    public void A_zoneless_line_is_read_in_the_host_zone_and_its_year_comes_from_the_file_time_across_new_year()
    {
        var modified = new DateTimeOffset(2027, 1, 1, 0, 30, 0, TimeSpan.Zero);
        var december = One("Dec 31 23:30:00 web01 CRON[5]: (root) CMD (true)", "/var/log/cron", "America/New_York", modified);
        var january = One("Jan  1 00:10:00 web01 CRON[6]: (root) CMD (true)", "/var/log/cron", "Europe/Berlin", modified);

        december.Time.Should().Be(new DateTimeOffset(2027, 1, 1, 4, 30, 0, TimeSpan.Zero), "23:30 in New York on 31 Dec 2026 is 04:30 UTC");
        december.TimeNote.Should().Be("zone assumed America/New_York; year inferred 2026 from the file's modification time");
        january.Time.Should().Be(new DateTimeOffset(2026, 12, 31, 23, 10, 0, TimeSpan.Zero));
        january.TimeNote.Should().Contain("year inferred 2027");
    }

    [Fact]
    public void An_RFC_5424_line_with_nil_values_and_an_RFC_3339_high_precision_line_keep_their_own_zone()
    {
        var modern = One("<86>1 2026-12-01T10:00:00.123456+02:00 web01 sshd - - - Accepted password for bob from 192.0.2.9 port 5 ssh2", "/var/log/secure");
        var precise = One("2026-12-01T10:00:00.500000-05:00 web01 cron[1]: hello", "/var/log/syslog");

        modern.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 8, 0, 0, 123, 456, TimeSpan.Zero));
        modern.Fields.Should().Contain("facility", "authpriv").And.Contain("severity", "info").And.Contain("outcome", "success").And.NotContainKey("pid");
        precise.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 15, 0, 0, 500, TimeSpan.Zero));
        precise.TimeNote.Should().BeNull();
    }

    [Fact]
    public void A_syslog_file_is_recognised_by_name_and_content_and_a_line_that_is_not_syslog_is_unparsed()
    {
        var parser = new SyslogParser();
        var head = "Dec  1 10:00:00 web01 kernel: boot\n"u8.ToArray();

        parser.Fits(new LogSample("messages", "/var/log/messages", head)).Should().Be(80);
        parser.Fits(new LogSample("access.log", "/var/log/nginx/access.log", "1.2.3.4 - - [01/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n"u8.ToArray())).Should().Be(0);
        CollectingSink.Parse(parser, "/var/log/syslog", "Dec  1 10:00:00 web01 kernel: ok\nnot syslog at all\n").UnparsedLines.Should().Equal((2L, "not syslog at all"));
    }
}
