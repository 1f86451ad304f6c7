using EvidenceKit.Timeline.Formats.Audit;
using EvidenceKit.Timeline.Formats.Docker;
using EvidenceKit.Timeline.Formats.Dpkg;
using EvidenceKit.Timeline.Formats.Fail2ban;
using EvidenceKit.Timeline.Formats.Haproxy;
using EvidenceKit.Timeline.Formats.Iis;
using EvidenceKit.Timeline.Formats.Journald;
using EvidenceKit.Timeline.Formats.ModSecurity;
using EvidenceKit.Timeline.Formats.Mysql;
using EvidenceKit.Timeline.Formats.PhpFpm;
using EvidenceKit.Timeline.Formats.Postgresql;
using EvidenceKit.Timeline.Formats.Shell;
using EvidenceKit.Timeline.Formats.Squid;
using EvidenceKit.Timeline.Formats.Suricata;
using EvidenceKit.Timeline.Formats.Tomcat;
using EvidenceKit.Timeline.Formats.Utmp;

namespace EvidenceKit.Timeline.Parsing;

/// <summary>The parsers for service, security and binary logs (the web-server and syslog parsers are listed apart).</summary>
internal static class ServiceParsers
{
    /// <summary>Every service parser, each stateless and safe to share between threads.</summary>
    public static IReadOnlyList<ILogParser> All { get; } =
    [
        new JournaldParser(),
        UtmpParser.Wtmp,
        UtmpParser.Btmp,
        new AuditParser(),
        new IisW3cParser(),
        new TomcatAccessParser(),
        new SquidAccessParser(),
        new SuricataEveParser(),
        new ModSecurityParser(),
        new Fail2banParser(),
        new MysqlErrorParser(),
        new PostgresqlParser(),
        new HaproxyParser(),
        new PhpFpmParser(),
        new DockerJsonParser(),
        new ShellHistoryParser(),
        new DpkgLogParser(),
        new AptHistoryParser(),
    ];
}
