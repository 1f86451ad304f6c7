using EvidenceKit.Timeline.Formats.Iis;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Iis;

/// <summary>
/// IIS cannot run here; the samples follow the W3C Extended Log File Format (W3C Working Draft WD-logfile-960323)
/// and Microsoft's "W3C Extended Log File Format (IIS 6.0)" page: <c>#Software</c>/<c>#Version</c>/<c>#Date</c>/
/// <c>#Fields</c> directives, space-separated values, <c>+</c> for spaces, times in UTC. Values are our own.
/// </summary>
public sealed class IisW3cParserTests
{
    private const string Log = """
        #Software: Microsoft Internet Information Services 10.0
        #Version: 1.0
        #Date: 2026-12-01 10:00:00
        #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
        2026-12-01 10:00:01 192.0.2.1 GET /default.aspx id=1 443 - 203.0.113.9 Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 15
        #Software: Microsoft Internet Information Services 10.0
        #Version: 1.0
        #Date: 2026-12-01 11:00:00
        #Fields: time c-ip cs-method cs-uri-stem sc-status cs-username
        11:00:02.250 198.51.100.7 POST /login.aspx 401 CONTOSO\bob
        """;

    private readonly IisW3cParser _parser = new();

    [Fact]
    public void Each_fields_header_names_the_columns_after_it_and_times_are_utc()
    {
        ParserHarness.Fits(_parser, "u_ex261201.log", Log).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(_parser, "u_ex261201.log", Log, ParserHarness.Clock(ParserHarness.Berlin));

        sink.Unparsed.Should().BeEmpty();
        sink.Events.Should().HaveCount(2);
        var first = sink.Events[0];
        first.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 1, TimeSpan.Zero));
        first.TimeNote.Should().BeNull("W3C logs are UTC by definition, whatever the host's zone");
        first.Position.Should().Be(5);
        first.Fields["client_ip"].Should().Be("203.0.113.9");
        first.Fields["url"].Should().Be("/default.aspx?id=1");
        first.Fields["status"].Should().Be("200");
        first.Fields["user_agent"].Should().Be("Mozilla/5.0 (Windows NT 10.0)");
        first.Fields.Should().NotContainKey("user");
        var second = sink.Events[1];
        second.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 11, 0, 2, 250, TimeSpan.Zero), "the date comes from #Date when no date column exists");
        second.Fields["user"].Should().Be("CONTOSO\\bob");
        second.Fields["method"].Should().Be("POST");
        second.Message.Should().Be("198.51.100.7 POST /login.aspx 401");
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_columns_or_before_any_header_is_unparsed()
    {
        var log = "2026-12-01 10:00:01 orphan row\n" + Log + "\n11:00:03 only three\n";

        var sink = ParserHarness.Run(_parser, "u_ex261201.log", log);

        sink.Events.Should().HaveCount(2);
        sink.Unparsed.Select(u => u.Position).Should().Equal(1, 12);
    }
}
