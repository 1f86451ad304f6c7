using EvidenceKit.Timeline.Formats.Squid;
using EvidenceKit.Timeline.Formats.Tomcat;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.AppServers;

public sealed class TomcatSquidParserTests
{
    private readonly TomcatAccessParser _tomcat = new();
    private readonly SquidAccessParser _squid = new();

    /// <summary>Lines in Tomcat's AccessLogValve <c>common</c> and <c>combined</c> patterns (Tomcat 10 configuration reference, "Access Log Valve").</summary>
    [Fact]
    public void Tomcat_common_and_combined_lines_read_with_their_offsets_applied()
    {
        var log = """
            203.0.113.9 - - [01/Dec/2026:11:00:00 +0100] "GET /manager/html HTTP/1.1" 401 2473
            198.51.100.7 - admin [01/Dec/2026:11:00:05 +0100] "POST /manager/text/deploy?path=/shell HTTP/1.1" 200 55 "-" "curl/8.5.0"
            """;

        ParserHarness.Fits(_tomcat, "localhost_access_log.2026-12-01.txt", log).Should().BeGreaterThan(50);
        ParserHarness.Fits(_tomcat, "access.log", log).Should().Be(0, "Apache and nginx logs in the same format are not Tomcat's");
        var sink = ParserHarness.Run(_tomcat, "localhost_access_log.2026-12-01.txt", log);

        sink.Unparsed.Should().BeEmpty();
        sink.Events[0].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        sink.Events[0].Fields["status"].Should().Be("401");
        sink.Events[0].Fields["url"].Should().Be("/manager/html");
        sink.Events[1].Fields["user"].Should().Be("admin");
        sink.Events[1].Fields["user_agent"].Should().Be("curl/8.5.0");
        sink.Events[1].Fields.Should().NotContainKey("referer");
        sink.Events[1].Message.Should().Be("198.51.100.7 \"POST /manager/text/deploy?path=/shell HTTP/1.1\" 200");
    }

    /// <summary>Lines in Squid's native access.log format (Squid wiki "SquidFaq/SquidLogs", logformat squid).</summary>
    [Fact]
    public void Squid_native_lines_read_with_the_exact_epoch_milliseconds()
    {
        var log = """
            1764583200.123    245 192.0.2.10 TCP_MISS/200 10326 GET http://example.com/index.html - HIER_DIRECT/93.184.216.34 text/html
            1764583201.007      0 192.0.2.11 TCP_DENIED/403 3955 CONNECT evil.example:443 bob HIER_NONE/- text/html
            """;

        ParserHarness.Fits(_squid, "access.log", log).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(_squid, "access.log", log);

        sink.Unparsed.Should().BeEmpty();
        sink.Events[0].Time.Should().Be(new DateTimeOffset(2025, 12, 1, 10, 0, 0, 123, TimeSpan.Zero));
        sink.Events[0].Fields["client_ip"].Should().Be("192.0.2.10");
        sink.Events[0].Fields["server_ip"].Should().Be("93.184.216.34");
        sink.Events[1].Time.Should().Be(new DateTimeOffset(2025, 12, 1, 10, 0, 1, 7, TimeSpan.Zero));
        sink.Events[1].Fields["status"].Should().Be("403");
        sink.Events[1].Fields["user"].Should().Be("bob");
        sink.Events[1].Fields["cache_result"].Should().Be("TCP_DENIED");
    }

    [Fact]
    public void A_tomcat_line_with_a_broken_time_is_unparsed()
    {
        var sink = ParserHarness.Run(_tomcat, "localhost_access_log.txt", "203.0.113.9 - - [31/Feb/2026:11:00:00 +0100] \"GET / HTTP/1.1\" 200 1\n");

        sink.Events.Should().BeEmpty();
        sink.Unparsed.Should().ContainSingle();
    }
}
