using EvidenceKit.Timeline.Formats.Mysql;
using EvidenceKit.Timeline.Formats.Postgresql;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Databases;

public sealed class DatabaseParserTests
{
    /// <summary>
    /// Samples in the forms the MySQL 8.0 Reference Manual ("The Error Log": <c>time thread [label] [err_code]
    /// [subsystem] msg</c>), the MySQL 5.7 manual (ISO time with <c>log_timestamps=SYSTEM</c> offset) and the
    /// MariaDB Knowledge Base ("Error Log": <c>YYYY-MM-DD HH:MM:SS</c> and the old <c>YYMMDD HH:MM:SS</c>) document.
    /// </summary>
    [Fact]
    public void Mysql_and_mariadb_times_in_all_three_forms_read_exactly_or_in_the_host_zone()
    {
        var log = """
            2026-12-01T10:00:00.123456Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.35) starting as process 1234
            2026-12-01T11:00:01.000000+01:00 8 [Warning] Access denied for user 'root'@'203.0.113.9' (using password: YES)
            2026-12-01 11:00:02 0 [Note] InnoDB: Buffer pool(s) load completed
            161201  9:05:03 [ERROR] mysqld got signal 11 ;
            This could be because you hit a bug.
            """;
        var parser = new MysqlErrorParser();

        ParserHarness.Fits(parser, "error.log", log).Should().BeGreaterThan(0);
        var sink = ParserHarness.Run(parser, "error.log", log, ParserHarness.Clock(ParserHarness.Berlin));

        sink.Unparsed.Should().BeEmpty();
        sink.Events.Should().HaveCount(4);
        sink.Events[0].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560));
        sink.Events[0].TimeNote.Should().BeNull();
        sink.Events[0].Fields["error_code"].Should().Be("MY-010116");
        sink.Events[0].Fields["subsystem"].Should().Be("Server");
        sink.Events[0].Fields["level"].Should().Be("System");
        sink.Events[1].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 1, TimeSpan.Zero));
        sink.Events[1].Fields["thread"].Should().Be("8");
        sink.Events[2].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 2, TimeSpan.Zero));
        sink.Events[2].TimeNote.Should().Be("zone assumed Europe/Berlin");
        var old = sink.Events[3];
        old.Time.Should().Be(new DateTimeOffset(2016, 12, 1, 8, 5, 3, TimeSpan.Zero));
        old.Fields["level"].Should().Be("ERROR");
        old.Original.Should().EndWith("\nThis could be because you hit a bug.", "a line without a time belongs to the entry above");
    }

    /// <summary>Lines with PostgreSQL's default <c>log_line_prefix = '%m [%p] '</c> (PostgreSQL documentation, "Error Reporting and Logging").</summary>
    [Fact]
    public void Postgresql_lines_read_utc_exactly_and_abbreviations_in_the_host_zone()
    {
        var log = """
            2026-12-01 10:00:00.123 UTC [4242] LOG:  connection received: host=203.0.113.9 port=52100
            2026-12-01 10:00:00.200 UTC [4242] FATAL:  password authentication failed for user "postgres"
            2026-12-01 10:00:00.200 UTC [4242] DETAIL:  Connection matched pg_hba.conf line 99: "host all all 0.0.0.0/0 md5"
            2026-12-01 11:00:05.000 CET [4300] ERROR:  syntax error at or near "FROMM" at character 10
            	STATEMENT:  SELECT * FROMM users
            2026-12-01 10:00:06.000 +05:30 [4301] LOG:  checkpoint starting: time
            """;
        var parser = new PostgresqlParser();

        ParserHarness.Fits(parser, "postgresql-16-main.log", log).Should().BeGreaterThan(50);
        var sink = ParserHarness.Run(parser, "postgresql-16-main.log", log, ParserHarness.Clock(ParserHarness.Berlin));

        sink.Unparsed.Should().BeEmpty();
        sink.Events.Should().HaveCount(5);
        sink.Events[0].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 0, 123, TimeSpan.Zero));
        sink.Events[0].Fields["client_ip"].Should().Be("203.0.113.9");
        sink.Events[0].Fields["pid"].Should().Be("4242");
        sink.Events[1].Fields["user"].Should().Be("postgres");
        sink.Events[1].Fields["level"].Should().Be("FATAL");
        var cet = sink.Events[3];
        cet.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 10, 0, 5, TimeSpan.Zero));
        cet.TimeNote.Should().Be("zone assumed Europe/Berlin (log wrote zone abbreviation CET)");
        cet.Original.Should().Contain("STATEMENT:  SELECT * FROMM users");
        sink.Events[4].Time.Should().Be(new DateTimeOffset(2026, 12, 1, 4, 30, 6, TimeSpan.Zero));
    }
}
