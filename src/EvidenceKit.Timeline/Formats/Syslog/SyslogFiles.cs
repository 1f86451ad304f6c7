namespace EvidenceKit.Timeline.Formats.Syslog;

/// <summary>The file names syslog daemons write by convention (Debian and Red Hat).</summary>
internal static class SyslogFiles
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "syslog", "messages", "auth.log", "secure", "kern.log", "cron", "cron.log", "daemon.log", "user.log",
        "mail.log", "maillog", "debug", "ufw.log", "authpriv.log", "local0.log", "local7.log", "boot.log",
    };

    /// <summary>True when <paramref name="fileName"/> (rotation suffixes removed) is a conventional syslog file.</summary>
    public static bool IsConventional(string fileName) => Names.Contains(fileName);
}
