using EvidenceKit.Testing;
using EvidenceKit.Timeline.Formats.Utmp;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Utmp;

/// <summary>Records written by the C library itself: a small C program calls glibc's <c>updwtmp</c>, as login and sshd do.</summary>
public sealed class UtmpParserTests : IDisposable
{
    private const string Writer = """
        #include <string.h>
        #include <utmp.h>
        #include <arpa/inet.h>
        static void put(const char *file, short type, int pid, const char *line, const char *user,
                        const char *host, const char *ip, int sec, int usec) {
            struct utmp u;
            memset(&u, 0, sizeof u);
            u.ut_type = type; u.ut_pid = pid;
            strncpy(u.ut_line, line, sizeof u.ut_line);
            strncpy(u.ut_id, "ts/0", sizeof u.ut_id);
            strncpy(u.ut_user, user, sizeof u.ut_user);
            strncpy(u.ut_host, host, sizeof u.ut_host);
            if (ip) inet_pton(strchr(ip, ':') ? AF_INET6 : AF_INET, ip, u.ut_addr_v6);
            u.ut_session = 77;
            u.ut_tv.tv_sec = sec; u.ut_tv.tv_usec = usec;
            updwtmp(file, &u);
        }
        int main(int argc, char **argv) {
            put(argv[1], BOOT_TIME, 0, "~", "reboot", "6.1.0-28-amd64", 0, 1764583000, 0);
            put(argv[1], USER_PROCESS, 4242, "pts/0", "alice", "203.0.113.9", "203.0.113.9", 1764583200, 123456);
            put(argv[1], DEAD_PROCESS, 4242, "pts/0", "", "", 0, 1764586800, 500000);
            put(argv[2], LOGIN_PROCESS, 5151, "ssh:notty", "root", "2001:db8::7", "2001:db8::7", 1764583300, 1);
            return sizeof(struct utmp) == 384 ? 0 : 3;
        }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (byte[] Wtmp, byte[] Btmp) WriteWithGlibc()
    {
        Skip.IfNot(File.Exists("/usr/bin/gcc"), "gcc is not installed");
        var source = _dir.Write("writer.c", Writer);
        var program = _dir.File("writer");
        var compiled = Run.Tool("/usr/bin/gcc", ["-o", program, source]);
        compiled.ExitCode.Should().Be(0, compiled.ToString());
        // updwtmp appends only to a file that exists, as login tools expect wtmp to.
        _dir.Write("wtmp", []);
        _dir.Write("btmp", []);
        var written = Run.Tool(program, [_dir.File("wtmp"), _dir.File("btmp")]);
        written.ExitCode.Should().Be(0, "struct utmp is 384 bytes on this platform");
        return (File.ReadAllBytes(_dir.File("wtmp")), File.ReadAllBytes(_dir.File("btmp")));
    }

    [SkippableFact]
    public void Logins_logouts_and_boots_written_by_glibc_read_with_exact_times_users_and_hosts()
    {
        var (wtmp, _) = WriteWithGlibc();

        UtmpParser.Wtmp.Fits(ParserHarness.Sample("wtmp", wtmp)).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(UtmpParser.Wtmp, "wtmp", wtmp);

        sink.Unparsed.Should().BeEmpty();
        sink.Events.Should().HaveCount(3);
        sink.Events[0].TimestampDescription.Should().Be("Boot Time");
        sink.Events[0].Time.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1764583000));
        var login = sink.Events[1];
        login.Time.Should().Be(new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560));
        login.TimestampDescription.Should().Be("Login Time");
        login.Message.Should().Be("login alice on pts/0 from 203.0.113.9");
        login.Fields["user"].Should().Be("alice");
        login.Fields["client_ip"].Should().Be("203.0.113.9");
        login.Fields["pid"].Should().Be("4242");
        login.Fields["session"].Should().Be("77");
        login.Position.Should().Be(384);
        login.PositionIsOffset.Should().BeTrue();
        sink.Events[2].TimestampDescription.Should().Be("Logout Time");
        sink.Events[2].Time.Should().Be(new DateTimeOffset(2025, 12, 1, 11, 0, 0, 500, TimeSpan.Zero));
    }

    [SkippableFact]
    public void A_failed_login_in_btmp_names_the_user_and_the_ipv6_source()
    {
        var (_, btmp) = WriteWithGlibc();

        UtmpParser.Btmp.Fits(ParserHarness.Sample("btmp", btmp)).Should().BeGreaterThan(50);
        UtmpParser.Wtmp.Fits(ParserHarness.Sample("btmp", btmp)).Should().Be(0);
        var sink = ParserHarness.Run(UtmpParser.Btmp, "btmp", btmp);

        var failed = sink.Events.Should().ContainSingle().Subject;
        failed.TimestampDescription.Should().Be("Failed Login Time");
        failed.Time.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1764583300).AddTicks(10));
        failed.Message.Should().Be("failed login for root on ssh:notty from 2001:db8::7");
        failed.Fields["client_ip"].Should().Be("2001:db8::7");
    }

    [SkippableFact]
    public void A_truncated_trailing_record_is_counted_unparsed_at_its_offset()
    {
        var (wtmp, _) = WriteWithGlibc();
        var cut = wtmp.AsSpan(0, (384 * 2) + 100).ToArray();

        var sink = ParserHarness.Run(UtmpParser.Wtmp, "wtmp", cut);

        sink.Events.Should().HaveCount(2);
        sink.Unparsed.Should().ContainSingle().Which.Should().Be((768L, "truncated utmp record: 100 of 384 bytes"));
    }

    [Fact]
    public void Garbage_records_are_unparsed_and_never_throw()
    {
        var garbage = new byte[384 * 4];
        new Random(5).NextBytes(garbage);

        var sink = ParserHarness.Run(UtmpParser.Wtmp, "wtmp", garbage);

        (sink.Events.Count + sink.Unparsed.Count).Should().Be(4);
        sink.Unparsed.Should().NotBeEmpty();
    }
}
