using System.Globalization;
using System.Text;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Journald;

/// <summary>
/// Turns a journal entry into an event: the time is the entry's <c>__REALTIME_TIMESTAMP</c>; the message reads
/// like <c>journalctl</c>'s short form; common journal fields get the timeline's stable names; the original is
/// the entry in the Journal Export Format's text form (<c>NAME=value</c> lines).
/// </summary>
internal static class JournalEventMapper
{
    private static readonly (string Journal, string Stable)[] Names =
    [
        ("MESSAGE", "message"),
        ("_PID", "pid"),
        ("_UID", "uid"),
        ("_GID", "gid"),
        ("_COMM", "comm"),
        ("_EXE", "exe"),
        ("_CMDLINE", "cmdline"),
        ("_HOSTNAME", "hostname"),
        ("_TRANSPORT", "transport"),
        ("_SYSTEMD_UNIT", "unit"),
        ("_SYSTEMD_USER_UNIT", "user_unit"),
        ("SYSLOG_FACILITY", "facility"),
        ("PRIORITY", "priority"),
        ("_AUDIT_LOGINUID", "audit_loginuid"),
        ("_AUDIT_SESSION", "audit_session"),
        ("_SOURCE_REALTIME_TIMESTAMP", "source_realtime_usec"),
    ];

    private static readonly string[] Levels = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    /// <summary>The largest realtime value that is still a valid instant (year 9999).</summary>
    private const ulong MaxRealtime = 253_402_300_799_999_999UL;

    /// <summary>The event for <paramref name="entry"/>, or null when its time is not a valid instant.</summary>
    public static LogEvent? ToEvent(JournalEntry entry)
    {
        if (entry.RealtimeMicroseconds == 0 || entry.RealtimeMicroseconds > MaxRealtime)
        {
            return null;
        }
        var time = DateTimeOffset.UnixEpoch.AddTicks((long)entry.RealtimeMicroseconds * TimeSpan.TicksPerMicrosecond);
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in entry.Fields)
        {
            first.TryAdd(name, value);
        }
        var fields = new FieldSet();
        foreach (var (journal, stable) in Names)
        {
            fields.Add(stable, first.GetValueOrDefault(journal));
        }
        var program = first.GetValueOrDefault("SYSLOG_IDENTIFIER") ?? first.GetValueOrDefault("_COMM");
        var pid = first.GetValueOrDefault("_PID") ?? first.GetValueOrDefault("SYSLOG_PID");
        fields.Add("program", program).Add("pid", pid);
        if (int.TryParse(first.GetValueOrDefault("PRIORITY"), NumberStyles.None, CultureInfo.InvariantCulture, out var priority) && priority < Levels.Length)
        {
            fields.Add("level", Levels[priority]);
        }
        fields.Add("boot_id", entry.BootId)
            .Add("seqnum", entry.Seqnum.ToString(CultureInfo.InvariantCulture))
            .Add("monotonic_usec", entry.MonotonicMicroseconds.ToString(CultureInfo.InvariantCulture));
        if (entry.Damage.Count > 0)
        {
            fields.Add("damaged_items", entry.Damage.Count);
        }
        return new LogEvent(time, "Log Time", Summary(program, pid, first.GetValueOrDefault("MESSAGE")), entry.Offset,
            Original(entry), fields.Build(), PositionIsOffset: true);
    }

    private static string Summary(string? program, string? pid, string? message)
    {
        var source = program is null ? "" : pid is null ? program + ": " : $"{program}[{pid}]: ";
        return source + (message ?? "(no MESSAGE field)");
    }

    private static string Original(JournalEntry entry)
    {
        var text = new StringBuilder()
            .Append("__REALTIME_TIMESTAMP=").Append(entry.RealtimeMicroseconds.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("__MONOTONIC_TIMESTAMP=").Append(entry.MonotonicMicroseconds.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("__SEQNUM=").Append(entry.Seqnum.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("_BOOT_ID=").Append(entry.BootId);
        foreach (var (name, value) in entry.Fields)
        {
            text.Append('\n').Append(name).Append('=').Append(value);
        }
        foreach (var problem in entry.Damage)
        {
            text.Append("\n# ").Append(problem);
        }
        return text.ToString();
    }
}
