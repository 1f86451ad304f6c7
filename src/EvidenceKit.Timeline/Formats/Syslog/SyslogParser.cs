using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Web;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Reading;

namespace EvidenceKit.Timeline.Formats.Syslog;

/// <summary>
/// Syslog files (<c>syslog</c>, <c>messages</c>, <c>auth.log</c>, <c>secure</c>, <c>kern.log</c>, <c>cron</c>, ...) in RFC 3164,
/// RFC 3339 (rsyslog high precision) and RFC 5424 form, line by line (a file may mix them). Fields: <c>hostname</c>,
/// <c>program</c>, <c>pid</c>, <c>facility</c>, <c>severity</c>, <c>msgid</c>, <c>structured_data</c>, <c>syslog_form</c>, plus
/// what <see cref="AuthMessages"/> and <see cref="FirewallMessages"/> recognise.
/// </summary>
internal sealed partial class SyslogParser : ILogParser
{
    private static readonly string[] Facilities =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "clock",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    private static readonly string[] Severities = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    /// <inheritdoc />
    public string Name => "syslog";

    /// <inheritdoc />
    public int Fits(LogSample sample)
    {
        if (!WebFiles.FirstLinesMatch(sample.Head, line => Looks().IsMatch(line)))
        {
            return 0;
        }
        return SyslogFiles.IsConventional(sample.FileName) ? 80 : 40;
    }

    /// <inheritdoc />
    public void Parse(LogSource source, IEventSink sink, CancellationToken cancellationToken)
    {
        foreach (var line in LogLineReader.Read(source.Content, cancellationToken))
        {
            if (line.Text.Length == 0)
            {
                continue;
            }
            var header = SyslogHeader.Read(line.Text, source.Clock);
            if (header is null)
            {
                sink.Unparsed(line.Number, line.Text);
                continue;
            }
            var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["syslog_form"] = header.Form };
            Put(fields, "hostname", header.Host);
            Put(fields, "program", header.Program);
            Put(fields, "pid", header.Pid);
            Put(fields, "msgid", header.MessageId);
            Put(fields, "structured_data", header.StructuredData);
            if (header.Priority is { } priority)
            {
                fields["facility"] = Facilities[priority / 8];
                fields["severity"] = Severities[priority % 8];
            }
            var description = "Log Time";
            if (AuthMessages.Recognise(header.Program, header.Message, fields))
            {
                description = fields.ContainsKey("outcome") ? "Authentication Time" : description;
            }
            else
            {
                FirewallMessages.Recognise(header.Program, header.Message, fields);
            }
            if (line.Truncated)
            {
                fields["truncated"] = "true";
            }
            var program = header.Program is null ? "" : header.Pid is null ? header.Program + ": " : string.Create(CultureInfo.InvariantCulture, $"{header.Program}[{header.Pid}]: ");
            sink.Event(new LogEvent(header.Time, description, program + header.Message, line.Number, line.Text, fields, TimeNote: header.TimeNote));
        }
    }

    private static void Put(Dictionary<string, string> fields, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields[key] = value;
        }
    }

    [GeneratedRegex(@"^(?:<[0-9]{1,3}>)?(?:1 )?(?:[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} |[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(?:Z|[+-][0-9]{2}:[0-9]{2}) )\S+ ", RegexOptions.CultureInvariant)]
    private static partial Regex Looks();
}
