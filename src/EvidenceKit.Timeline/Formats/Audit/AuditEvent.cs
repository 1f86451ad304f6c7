using System.Text;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Audit;

/// <summary>
/// Builds one event from the records of one audit event (same serial): fields from all records, the first value
/// of a key winning, the <c>msg='...'</c> of user-space records opened up; the time is the records' own (UTC).
/// </summary>
internal static class AuditEvent
{
    private static readonly (string Audit, string Stable)[] Names =
    [
        ("acct", "user"), ("auid", "auid"), ("uid", "uid"), ("euid", "euid"), ("pid", "pid"), ("ppid", "ppid"),
        ("ses", "session"), ("comm", "comm"), ("exe", "exe"), ("syscall", "syscall"), ("success", "success"),
        ("exit", "exit"), ("key", "audit_key"), ("hostname", "client_host"), ("terminal", "tty"),
        ("res", "result"), ("op", "operation"), ("name", "path"), ("cwd", "cwd"), ("proctitle", "proctitle"),
    ];

    private static readonly string[] Summary = ["user", "exe", "comm", "syscall", "success", "audit_key", "client_ip", "path", "result"];

    /// <summary>The event for <paramref name="records"/> (in file order, at least one).</summary>
    public static LogEvent Build(IReadOnlyList<AuditRecord> records)
    {
        var first = records[0];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            foreach (var (key, value) in KeyValueText.Pairs(record.Body))
            {
                if (key == "msg")
                {
                    foreach (var (innerKey, innerValue) in KeyValueText.Pairs(value))
                    {
                        values.TryAdd(innerKey, innerValue);
                    }
                }
                else
                {
                    values.TryAdd(key, value);
                }
            }
        }
        var types = string.Join('+', records.Select(r => r.Type).Distinct());
        var fields = new FieldSet()
            .Add("audit_serial", first.Serial)
            .Add("audit_types", types)
            .Add("audit_node", first.Node);
        foreach (var (audit, stable) in Names)
        {
            var value = values.GetValueOrDefault(audit);
            fields.Add(stable, value is "?" or "(null)" ? null : stable == "proctitle" ? Proctitle(value) : value);
        }
        var address = values.GetValueOrDefault("addr");
        fields.Add("client_ip", address is "?" ? null : address);
        var built = fields.Build();
        var message = new StringBuilder(types);
        foreach (var name in Summary)
        {
            if (built.TryGetValue(name, out var value))
            {
                message.Append(' ').Append(name).Append('=').Append(value);
            }
        }
        var time = HostTime.FromUnixSeconds(first.Seconds, first.Milliseconds * 1000L).Utc;
        var original = string.Join('\n', records.Select(r => r.Line.Text));
        return new LogEvent(time, "Audit Time", message.ToString(), first.Line.Number, original, built);
    }

    // auditd writes a command line holding spaces or NULs as hex; NULs separate the arguments.
    private static string? Proctitle(string? value)
    {
        if (value is null || value.Length % 2 != 0 || !value.All(Uri.IsHexDigit))
        {
            return value;
        }
        return Encoding.UTF8.GetString(Convert.FromHexString(value)).Replace('\0', ' ');
    }
}
