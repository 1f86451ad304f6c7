using System.Text;
using EvidenceKit.Timeline.Formats.Web;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Tests.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Web;

/// <summary>Access-log lines written by an attacker who controls the request line, the user agent and the file's bytes.</summary>
public sealed class AccessLogAttackTests
{
    private const string Good = "192.0.2.1 - - [01/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua\"\n";

    [Fact]
    public void A_quote_escaped_in_the_url_does_not_end_the_request_or_shift_the_status()
    {
        var sink = Parse("192.0.2.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /a\\\" 500 1 \\\"x HTTP/1.1\" 404 7 \"-\" \"ua \\\"quoted\\\"\"\n");

        var e = sink.Events.Single();
        e.Fields["request"].Should().Be("GET /a\\\" 500 1 \\\"x HTTP/1.1");
        e.Fields["status"].Should().Be("404");
        e.Fields["bytes"].Should().Be("7");
        e.Fields["user_agent"].Should().Be("ua \\\"quoted\\\"");
        e.Fields.Should().NotContainKey("method", "a request of more than three words is not split");
        e.Message.Should().Be("192.0.2.1 \"GET /a\\\" 500 1 \\\"x HTTP/1.1\" 404");
    }

    [Fact]
    public void Escape_sequences_in_the_request_and_agent_are_kept_as_read_for_the_writers_to_escape()
    {
        var sink = Parse("192.0.2.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /\u001b[2J\u001b]0;owned\u0007 HTTP/1.1\" 200 5 \"-\" \"\u001b[31mred\u202e\"\n");

        var e = sink.Events.Single();
        e.Fields["url"].Should().Be("/\u001b[2J\u001b]0;owned\u0007");
        e.Fields["user_agent"].Should().Be("\u001b[31mred\u202e");
        e.Original.Should().Contain("\u001b[2J");
    }

    [Fact]
    public void Invalid_utf8_becomes_replacement_characters_and_the_line_is_still_read()
    {
        var bytes = Encoding.ASCII.GetBytes("192.0.2.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /")
            .Concat(new byte[] { 0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80 })
            .Concat(Encoding.ASCII.GetBytes(" HTTP/1.1\" 200 5 \"-\" \"ua\"\n")).ToArray();

        var sink = CollectingSink.Parse(new AccessLogParser("nginx-access"), "/var/log/nginx/access.log", bytes);

        var url = sink.Events.Single().Fields["url"];
        url.Should().StartWith("/\uFFFD").And.NotContain("\uD800");
        url.Should().Be(Encoding.UTF8.GetString(bytes).Split(' ')[6]);
    }

    [Fact]
    public void Lines_with_missing_parts_are_counted_unparsed_with_their_line_numbers_and_read_lines_around_them_are_kept()
    {
        var sink = Parse(Good
            + "192.0.2.1 - - [01/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\"\n"
            + "192.0.2.1 - [01/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5\n"
            + "192.0.2.1 - - [01/Dec/2026:10:00:00] \"GET / HTTP/1.1\" 200 5\n"
            + "192.0.2.1 - - [31/Feb/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5\n"
            + "192.0.2.1 - - [01/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1 200 5\n"
            + "\n"
            + Good);

        sink.Events.Select(e => e.Position).Should().Equal(1, 8);
        sink.UnparsedLines.Select(u => u.Position).Should().Equal(2, 3, 4, 5, 6);
    }

    [Fact]
    public void An_overlong_line_is_cut_at_the_cap_read_as_far_as_it_goes_and_marked_truncated()
    {
        var agent = new string('A', 200_000);
        var sink = Parse($"192.0.2.1 - - [01/Dec/2026:10:00:00 +0000] \"GET /x HTTP/1.1\" 200 5 \"-\" \"{agent}\"\n" + Good);

        sink.Events.Should().HaveCount(2);
        var cut = sink.Events[0];
        cut.Original.Length.Should().Be(64 * 1024);
        cut.Fields["truncated"].Should().Be("true");
        cut.Fields["url"].Should().Be("/x");
        cut.Fields.Should().NotContainKey("user_agent", "the agent's closing quote was past the cap");
        cut.Fields["extra"].Should().StartWith("\"-\" \"AAAA");
        sink.Events[1].Position.Should().Be(2);
    }

    [Fact]
    public void Fields_come_sorted_by_name_whatever_the_line_holds()
    {
        var sink = Parse("www.example.com:443 192.0.2.1 ident \"a user\" [01/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"r\" \"ua\" extra words\n");

        var e = sink.Events.Single();
        e.Fields.Keys.Should().Equal("bytes", "client_ip", "extra", "ident", "method", "protocol", "referer", "request", "status", "url", "user", "user_agent", "vhost");
        e.Fields.Keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
        e.Fields["user"].Should().Be("\"a user\"");
    }

    private static CollectingSink Parse(string text) => CollectingSink.Parse(new AccessLogParser("nginx-access"), "/var/log/nginx/access.log", text);
}
