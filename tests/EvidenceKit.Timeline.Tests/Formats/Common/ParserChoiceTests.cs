using System.Text;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Tests.Formats.Common;

/// <summary>Among the service parsers, the one meant for a file scores highest on it, so the catalog picks it.</summary>
public sealed class ParserChoiceTests
{
    public static TheoryData<string, string, string, string> Files() => new()
    {
        { "audit.log", "/var/log/audit/audit.log", "type=USER_LOGIN msg=audit(1764583260.500:4243): pid=1 res=failed\n", "audit" },
        { "u_ex261201.log", "C:/inetpub/logs/LogFiles/W3SVC1/u_ex261201.log", "#Software: IIS\n#Fields: date time c-ip\n2026-12-01 10:00:00 203.0.113.9\n", "iis-w3c" },
        { "localhost_access_log.2026-12-01.txt", "/var/log/tomcat10/localhost_access_log.2026-12-01.txt", "203.0.113.9 - - [01/Dec/2026:11:00:00 +0100] \"GET / HTTP/1.1\" 200 1\n", "tomcat-access" },
        { "access.log", "/var/log/squid/access.log", "1764583200.123    245 192.0.2.10 TCP_MISS/200 10326 GET http://e.example/ - HIER_DIRECT/93.184.216.34 text/html\n", "squid-access" },
        { "eve.json", "/var/log/suricata/eve.json", "{\"timestamp\":\"2026-12-01T10:00:00.000000+0000\",\"event_type\":\"alert\"}\n", "suricata-eve" },
        { "modsec_audit.log", "/var/log/apache2/modsec_audit.log", "--a1b2c3d4-A--\n[01/Dec/2026:10:00:00 +0000] X 1.2.3.4 1 5.6.7.8 80\n", "modsecurity-audit" },
        { "fail2ban.log", "/var/log/fail2ban.log", "2026-12-01 11:00:05,500 fail2ban.actions        [1234]: NOTICE  [sshd] Ban 203.0.113.9\n", "fail2ban" },
        { "error.log", "/var/log/mysql/error.log", "2026-12-01T10:00:00.123456Z 0 [System] [MY-010116] [Server] starting\n", "mysql-error" },
        { "postgresql-16-main.log", "/var/log/postgresql/postgresql-16-main.log", "2026-12-01 10:00:00.123 UTC [4242] LOG:  checkpoint starting: time\n", "postgresql" },
        { "haproxy.log", "/var/log/haproxy.log", "Dec  1 11:00:02 lb1 haproxy[1234]: Proxy fe_http started.\n", "haproxy" },
        { "php8.2-fpm.log", "/var/log/php8.2-fpm.log", "[01-Dec-2026 11:00:00] NOTICE: fpm is running, pid 1234\n", "php-fpm" },
        { "abc-json.log", "/var/lib/docker/containers/abc/abc-json.log", "{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-01T10:00:00Z\"}\n", "docker-json" },
        { ".bash_history", "/root/.bash_history", "#1764583200\nid\n", "shell-history" },
        { "dpkg.log", "/var/log/dpkg.log", "2026-12-01 11:00:00 startup archives unpack\n", "dpkg" },
        { "history.log", "/var/log/apt/history.log", "Start-Date: 2026-12-01  11:00:00\nCommandline: apt-get install x\n", "apt-history" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void The_parser_meant_for_a_file_scores_highest(string fileName, string sourcePath, string content, string expected)
    {
        var sample = new LogSample(fileName, sourcePath, Encoding.UTF8.GetBytes(content));

        var scores = ServiceParsers.All.Select(p => (p.Name, Score: p.Fits(sample))).OrderByDescending(s => s.Score).ToList();

        scores[0].Name.Should().Be(expected, string.Join(", ", scores.Where(s => s.Score > 0)));
        scores[1].Score.Should().BeLessThan(scores[0].Score);
    }
}
