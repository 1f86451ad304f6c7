using EvidenceKit.Timeline.Formats.Audit;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Audit;

/// <summary>
/// auditd cannot run here; the samples are written in the record format Red Hat documents in "Understanding Audit
/// Log Files" (RHEL Security Guide: a SYSCALL record with CWD, PATH and PROCTITLE records of the same serial) and
/// its user-space record form (USER_LOGIN with <c>msg='op=... acct=... addr=... res=...'</c>), values our own.
/// </summary>
public sealed class AuditParserTests
{
    private const string Syscall = """type=SYSCALL msg=audit(1764583200.123:4242): arch=c000003e syscall=2 success=no exit=-13 a0=7ffd a1=0 a2=1fffffffffff0000 a3=7ffd items=1 ppid=2686 pid=3538 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=1 comm="cat" exe="/usr/bin/cat" key="sshd_config" """;
    private const string Cwd = """type=CWD msg=audit(1764583200.123:4242): cwd="/home/alice" """;
    private const string Path = """type=PATH msg=audit(1764583200.123:4242): item=0 name="/etc/ssh/sshd_config" inode=409248 dev=fd:00 mode=0100600 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL""";
    private const string Proctitle = "type=PROCTITLE msg=audit(1764583200.123:4242): proctitle=636174002F6574632F7373682F737368645F636F6E666967";
    private const string Login = "type=USER_LOGIN msg=audit(1764583260.500:4243): pid=5151 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=\"root\" exe=\"/usr/sbin/sshd\" hostname=? addr=203.0.113.9 terminal=sshd res=failed'";

    private readonly AuditParser _parser = new();

    [Fact]
    public void Records_of_one_serial_become_one_event_with_the_exact_time_and_the_fields_of_all_records()
    {
        var log = string.Join('\n', Syscall, Cwd, Path, Proctitle, Login) + "\n";

        ParserHarness.Fits(_parser, "audit.log", log).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(_parser, "audit.log", log);

        sink.Unparsed.Should().BeEmpty();
        sink.Events.Should().HaveCount(2);
        var open = sink.Events[0];
        open.Time.Should().Be(new DateTimeOffset(2025, 12, 1, 10, 0, 0, 123, TimeSpan.Zero));
        open.Position.Should().Be(1);
        open.Fields["audit_serial"].Should().Be("4242");
        open.Fields["audit_types"].Should().Be("SYSCALL+CWD+PATH+PROCTITLE");
        open.Fields["exe"].Should().Be("/usr/bin/cat");
        open.Fields["success"].Should().Be("no");
        open.Fields["audit_key"].Should().Be("sshd_config");
        open.Fields["path"].Should().Be("/etc/ssh/sshd_config");
        open.Fields["cwd"].Should().Be("/home/alice");
        open.Fields["proctitle"].Should().Be("cat /etc/ssh/sshd_config");
        open.Original.Split('\n').Should().HaveCount(4);
        var login = sink.Events[1];
        login.Time.Should().Be(new DateTimeOffset(2025, 12, 1, 10, 1, 0, 500, TimeSpan.Zero));
        login.Fields["user"].Should().Be("root");
        login.Fields["client_ip"].Should().Be("203.0.113.9");
        login.Fields["result"].Should().Be("failed");
        login.Fields.Should().NotContainKey("client_host", "'?' means unknown");
        login.Message.Should().Be("USER_LOGIN user=root exe=/usr/sbin/sshd client_ip=203.0.113.9 result=failed");
    }

    [Fact]
    public void Interleaved_records_of_two_events_are_grouped_by_serial_and_EOE_closes_an_event()
    {
        var other = "type=SYSCALL msg=audit(1764583200.200:4244): arch=c000003e syscall=59 success=yes exit=0 pid=77 comm=\"id\" exe=\"/usr/bin/id\"";
        var log = string.Join('\n', Syscall, other, Cwd, "type=EOE msg=audit(1764583200.200:4244): ", Path) + "\n";

        var sink = ParserHarness.Run(_parser, "audit.log", log);

        sink.Events.Should().HaveCount(2);
        sink.Events.Single(e => e.Fields["audit_serial"] == "4244").Fields["audit_types"].Should().Be("SYSCALL+EOE");
        sink.Events.Single(e => e.Fields["audit_serial"] == "4242").Fields["audit_types"].Should().Be("SYSCALL+CWD+PATH");
    }

    [Fact]
    public void A_line_that_is_not_an_audit_record_is_counted_unparsed_with_its_escape_sequences_kept()
    {
        var log = Syscall + "\n\u001b]0;owned\u0007 not audit\n";

        var sink = ParserHarness.Run(_parser, "audit.log", log);

        sink.Events.Should().ContainSingle();
        sink.Unparsed.Should().ContainSingle().Which.Should().Be((2L, "\u001b]0;owned\u0007 not audit"));
    }

    [Fact]
    public void Thousands_of_open_serials_are_closed_in_bounded_groups()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"type=SYSCALL msg=audit(1764583200.000:{i}): pid={i}");

        var sink = ParserHarness.Run(_parser, "audit.log", string.Join('\n', lines));

        sink.Events.Should().HaveCount(3000);
        sink.Events.Should().OnlyContain(e => e.Original.Split('\n').Length == 1);
    }
}
