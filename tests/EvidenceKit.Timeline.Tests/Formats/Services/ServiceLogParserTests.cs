using EvidenceKit.Timeline.Formats.Docker;
using EvidenceKit.Timeline.Formats.Haproxy;
using EvidenceKit.Timeline.Formats.PhpFpm;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Services;

public sealed class ServiceLogParserTests
{
    /// <summary>
    /// HAProxy lines in its documented HTTP and TCP log formats (HAProxy Configuration Manual, section 8.2.2
    /// "TCP log format" and 8.2.3 "HTTP log format"), as syslog writes them to haproxy.log. Values our own.
    /// </summary>
    [Fact]
    public void Haproxy_requests_take_their_accept_date_in_the_host_zone()
    {
        var log = """
            Dec  1 11:00:00 lb1 haproxy[1234]: 203.0.113.9:52100 [01/Dec/2026:11:00:00.123] fe_http be_web/web1 0/0/1/2/3 200 1234 - - ---- 1/1/0/0/0 0/0 "GET /index.html HTTP/1.1"
            Dec  1 11:00:01 lb1 haproxy[1234]: 198.51.100.7:40000 [01/Dec/2026:11:00:01.500] fe_ssh be_ssh/srv1 1/0/5007 212 -- 1/1/1/1/0 0/0
            Dec  1 11:00:02 lb1 haproxy[1234]: Server be_web/web1 is DOWN, reason: Layer4 connection problem.
            """;
        var parser = new HaproxyParser();
        var clock = new LogClock(ParserHarness.Berlin, "Europe/Berlin", new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero));

        ParserHarness.Fits(parser, "haproxy.log", log).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(parser, "haproxy.log", log, clock);

        sink.Unparsed.Should().BeEmpty();
        var request = sink.Events[0];
        request.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, 123, TimeSpan.Zero));
        request.TimeNote.Should().Be("zone assumed Europe/Berlin");
        request.Fields["client_ip"].Should().Be("203.0.113.9");
        request.Fields["status"].Should().Be("200");
        request.Fields["backend"].Should().Be("be_web");
        request.Fields["url"].Should().Be("/index.html");
        sink.Events[1].Fields["frontend"].Should().Be("fe_ssh");
        sink.Events[1].Fields.Should().NotContainKey("status");
        var notice = sink.Events[2];
        notice.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 2, TimeSpan.Zero), "a December line in a file modified in January is from the year before");
        notice.TimeNote.Should().Be("year inferred 2026; zone assumed Europe/Berlin");
    }

    [Fact]
    public void A_shared_syslog_file_is_not_claimed_by_haproxy_because_its_first_line_is_haproxys()
    {
        var log = "Dec  1 11:00:02 lb1 haproxy[1234]: Proxy fe_http started.\nDec  1 11:00:03 lb1 sshd[99]: Accepted publickey for alice\n";

        ParserHarness.Fits(new HaproxyParser(), "syslog", log).Should().Be(0);
        ParserHarness.Fits(new HaproxyParser(), "haproxy.log", log).Should().BeGreaterThan(0);
    }

    /// <summary>PHP-FPM's error log and slow log as PHP's FPM documentation and its default php-fpm.conf describe them (<c>error_log</c>, <c>slowlog</c>).</summary>
    [Fact]
    public void Php_fpm_notices_and_slow_log_entries_read_in_the_host_zone()
    {
        var log = """
            [01-Dec-2026 11:00:00] NOTICE: fpm is running, pid 1234
            [01-Dec-2026 11:00:01] WARNING: [pool www] child 4321 said into stderr: "PHP Warning:  system(): Unable to fork [id]"
            [01-Dec-2026 11:00:05]  [pool www] pid 4321
            script_filename = /var/www/html/upload/shell.php
            [0x00007f0a8c0130d8] sleep() /var/www/html/upload/shell.php:3

            [01-Dec-2026 10:00:06 UTC] PHP Fatal error:  Uncaught Error in /var/www/html/index.php:7
            """;
        var parser = new PhpFpmParser();

        ParserHarness.Fits(parser, "php8.2-fpm.log", log).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(parser, "php8.2-fpm.log", log, ParserHarness.Clock(ParserHarness.Berlin));

        sink.Unparsed.Should().BeEmpty();
        sink.Events.Should().HaveCount(4);
        sink.Events[0].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        sink.Events[0].Fields["level"].Should().Be("NOTICE");
        sink.Events[1].Fields["pool"].Should().Be("www");
        sink.Events[1].Fields["pid"].Should().Be("4321");
        var slow = sink.Events[2];
        slow.Fields["script"].Should().Be("/var/www/html/upload/shell.php");
        slow.Fields["level"].Should().Be("SLOW");
        slow.Original.Split('\n').Should().HaveCount(3);
        sink.Events[3].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 6, TimeSpan.Zero));
        sink.Events[3].TimeNote.Should().BeNull();
    }

    /// <summary>Lines as Docker's json-file logging driver writes them (Docker documentation, "JSON File logging driver").</summary>
    [Fact]
    public void Docker_json_file_lines_keep_the_time_to_100_nanoseconds_and_name_the_container()
    {
        const string id = "4f1c3b2a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b";
        var log = """
            {"log":"203.0.113.9 - - \"GET /wp-login.php HTTP/1.1\" 404 153\n","stream":"stdout","time":"2026-12-01T10:00:00.123456789Z"}
            {"log":"\u001b[31merror\u001b[0m: disk full\n","stream":"stderr","time":"2026-12-01T10:00:01.5Z"}
            """;
        var parser = new DockerJsonParser();
        var sink = new CollectingSink();
        var bytes = System.Text.Encoding.UTF8.GetBytes(log);
        var sample = new LogSample(id + "-json.log", $"/var/lib/docker/containers/{id}/{id}-json.log", bytes);

        parser.Fits(sample).Should().BeGreaterThan(50);
        parser.Parse(new LogSource(new ForwardOnlyStream(new MemoryStream(bytes)), sample, ParserHarness.Clock()), sink, CancellationToken.None);

        sink.Unparsed.Should().BeEmpty();
        sink.Events[0].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567));
        sink.Events[0].Message.Should().Be("203.0.113.9 - - \"GET /wp-login.php HTTP/1.1\" 404 153");
        sink.Events[0].Fields["container_id"].Should().Be(id);
        sink.Events[0].Fields["stream"].Should().Be("stdout");
        sink.Events[1].Fields["message"].Should().Be("\u001b[31merror\u001b[0m: disk full", "escape sequences are kept as data, not interpreted");
        sink.Events[1].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 1, 500, TimeSpan.Zero));
    }
}
