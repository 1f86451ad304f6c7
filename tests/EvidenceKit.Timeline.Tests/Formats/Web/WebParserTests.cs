using EvidenceKit.Timeline.Formats.Web;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Reading;
using EvidenceKit.Timeline.Tests.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Web;

/// <summary>Web log lines in the formats of the nginx and Apache documentation (log_format combined; mod_log_config common, combined, vhost_combined; error log formats of 2.2 and 2.4).</summary>
public sealed class WebParserTests
{
    [Fact]
    public void The_parser_is_named_by_the_server_the_path_belongs_to()
    {
        var head = "192.0.2.1 - - [01/Dec/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"ua\"\n"u8.ToArray();

        ParserCatalog.Choose(new LogSample("access.log", "/var/log/nginx/access.log", head))!.Name.Should().Be("nginx-access");
        ParserCatalog.Choose(new LogSample("access_log", "/var/log/httpd/access_log", head))!.Name.Should().Be("apache-access");
        ParserCatalog.Choose(new LogSample("shop.log", "/srv/shop/logs/shop.log", head))!.Name.Should().Be("web-access");
    }

    [Fact]
    public void Common_combined_and_vhost_combined_lines_give_the_same_request_fields()
    {
        var sink = CollectingSink.Parse(new AccessLogParser("apache-access"), "/var/log/apache2/access.log",
            "192.0.2.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326\n" +
            "192.0.2.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 \"http://www.example.com/start.html\" \"Mozilla/4.08\"\n" +
            "www.example.com:443 192.0.2.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 \"-\" \"Mozilla/4.08\"\n");

        sink.UnparsedLines.Should().BeEmpty();
        sink.Events.Should().HaveCount(3).And.OnlyContain(e => e.Time == new DateTimeOffset(2000, 10, 10, 20, 55, 36, TimeSpan.Zero)
            && e.Fields["client_ip"] == "192.0.2.1" && e.Fields["user"] == "frank" && e.Fields["url"] == "/apache_pb.gif" && e.Fields["status"] == "200");
        sink.Events[1].Fields["referer"].Should().Be("http://www.example.com/start.html");
        sink.Events[2].Fields["vhost"].Should().Be("www.example.com:443");
        sink.Events[0].Fields.Should().NotContainKey("user_agent");
    }

    [Fact]
    public void An_nginx_error_line_is_read_in_the_host_zone_with_its_client_and_request()
    {
        var sink = CollectingSink.Parse(new NginxErrorParser(), "/var/log/nginx/error.log",
            "2026/12/01 10:00:00 [error] 1234#1234: *7 open() \"/var/www/html/x.php\" failed (2: No such file or directory), client: 203.0.113.4, server: localhost, request: \"GET /x.php HTTP/1.1\", host: \"example.org\"\n",
            "Europe/Berlin");

        var e = sink.Events.Single();
        e.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        e.TimeNote.Should().Be("zone assumed Europe/Berlin");
        e.Fields.Should().Contain("client_ip", "203.0.113.4").And.Contain("url", "/x.php").And.Contain("host_header", "example.org").And.Contain("connection", "7");
    }

    [Fact]
    public void Apache_2_2_and_2_4_error_lines_are_read()
    {
        var sink = CollectingSink.Parse(new ApacheErrorParser(), "/var/log/apache2/error.log",
            "[Tue Dec 01 10:00:00.123456 2026] [core:info] [pid 4242:tid 140000] [client 192.0.2.8:51000] AH00128: File does not exist: /var/www/html/x\n" +
            "[Tue Dec 01 10:00:01 2026] [error] [client 192.0.2.9] File does not exist: /var/www/y\n");

        sink.UnparsedLines.Should().BeEmpty();
        sink.Events[0].Fields.Should().Contain("module", "core").And.Contain("level", "info").And.Contain("pid", "4242")
            .And.Contain("client_ip", "192.0.2.8").And.Contain("client_port", "51000").And.Contain("error_code", "AH00128");
        sink.Events[0].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, 123, 456, TimeSpan.Zero));
        sink.Events[1].Fields.Should().Contain("client_ip", "192.0.2.9").And.Contain("level", "error");
    }

    [Theory]
    [InlineData("/var/log/nginx/access.log.2.gz", "access.log")]
    [InlineData("/var/log/syslog-20261201.xz", "syslog")]
    [InlineData("/var/log/auth.log.1", "auth.log")]
    [InlineData("/var/log/messages-20261201", "messages")]
    [InlineData("/var/log/kern.log.4.zst", "kern.log")]
    [InlineData("/var/log/httpd/access_log.bz2", "access_log")]
    public void Rotation_and_compression_suffixes_are_removed_from_the_name_a_parser_sees(string path, string name) =>
        LogNames.BaseName(path).Should().Be(name);
}
