using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Haproxy;

/// <summary>
/// HAProxy's log as syslog writes it to its own file (<c>haproxy.log</c>): a syslog header (RFC 3164
/// <c>Dec  1 10:00:00 host haproxy[pid]:</c> or rsyslog's ISO form) and HAProxy's HTTP or TCP log format. A
/// request's time is its accept date (<c>[01/Dec/2026:10:00:00.123]</c>, with a year but no zone: read in the
/// host's zone); HAProxy's own notices take the syslog header's time (year inferred from the file's modification
/// time when RFC 3164 omits it).
/// </summary>
internal sealed partial class HaproxyParser : SingleLineParser
{
    /// <inheritdoc />
    public override string Name => "haproxy";

    /// <inheritdoc />
    public override int Fits(LogSample sample)
    {
        // A shared syslog file whose first lines happen to come from haproxy is the syslog parser's: every line
        // of the sample must be haproxy's for the content alone to count.
        var lines = SampleText.Lines(sample);
        return FitScore.Of(SampleText.NameIs(sample, "haproxy.log"), lines.Count > 0 && lines.All(l => Syslog().IsMatch(l)));
    }

    /// <inheritdoc />
    protected override LogEvent? ParseLine(LogLine line, LogSource source)
    {
        var clock = source.Clock;
        var header = Syslog().Match(line.Text);
        if (!header.Success)
        {
            return null;
        }
        var body = header.Groups["msg"].Value;
        var fields = new FieldSet()
            .Add("hostname", header.Groups["host"].Value)
            .Add("program", "haproxy")
            .Add("pid", header.Groups["pid"].Value);
        var http = Http().Match(body);
        var tcp = http.Success ? http : Tcp().Match(body);
        if (tcp.Success && WebTime.TryParseLocal(tcp.Groups["accept"].Value, out var accepted))
        {
            var time = HostTime.Resolve(accepted, clock);
            fields.Add("client_ip", tcp.Groups["cip"].Value)
                .Add("client_port", tcp.Groups["cport"].Value)
                .Add("frontend", tcp.Groups["fe"].Value)
                .Add("backend", tcp.Groups["be"].Value)
                .Add("server", tcp.Groups["srv"].Value)
                .Add("timers", tcp.Groups["timers"].Value)
                .Add("status", http.Success ? http.Groups["status"].Value : null)
                .Add("bytes", tcp.Groups["bytes"].Value)
                .Add("termination_state", tcp.Groups["term"].Value);
            var request = http.Success ? http.Groups["req"].Value : "";
            var parts = request.Split(' ');
            if (parts.Length == 3)
            {
                fields.Add("request", request).Add("method", parts[0]).Add("url", parts[1]).Add("protocol", parts[2]);
            }
            var message = http.Success
                ? $"haproxy {tcp.Groups["cip"].Value} \"{request}\" {http.Groups["status"].Value} via {tcp.Groups["fe"].Value}/{tcp.Groups["be"].Value}"
                : $"haproxy tcp {tcp.Groups["cip"].Value} via {tcp.Groups["fe"].Value}/{tcp.Groups["be"].Value}";
            return new LogEvent(time.Utc, "Request Time", message, line.Number, line.Text, fields.Build(), TimeNote: time.Note);
        }
        var logged = HeaderTime(header, clock);
        if (logged is null)
        {
            return null;
        }
        fields.Add("message", body);
        return new LogEvent(logged.Value.Utc, "Log Time", "haproxy: " + body, line.Number, line.Text, fields.Build(), TimeNote: logged.Value.Note);
    }

    private static ResolvedTime? HeaderTime(Match header, LogClock clock)
    {
        if (header.Groups["iso"].Success)
        {
            return JsonText.TryParseInstant(header.Groups["iso"].Value, out var instant) ? HostTime.Exact(instant) : null;
        }
        var modified = TimeZoneInfo.ConvertTime(clock.FileModified, clock.HostZone);
        var text = header.Groups["bsd"].Value + " " + modified.Year.ToString(CultureInfo.InvariantCulture);
        if (!DateTime.TryParseExact(text, "MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var wallClock))
        {
            return null;
        }
        // A December line in a file last written in January belongs to the year before.
        if (wallClock > modified.DateTime.AddDays(1))
        {
            wallClock = wallClock.AddYears(-1);
        }
        var resolved = HostTime.Resolve(wallClock, clock);
        return resolved with { Note = $"year inferred {wallClock.Year}; {resolved.Note}" };
    }

    [GeneratedRegex(@"^(?:<\d{1,3}>)?(?:(?<iso>\d{4}-\d{2}-\d{2}T\S+)|(?<bsd>[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2})) (?<host>\S+) haproxy\[(?<pid>\d+)\]: (?<msg>.*)$")]
    private static partial Regex Syslog();

    [GeneratedRegex("""^(?<cip>[\da-fA-F.:]+):(?<cport>\d+) \[(?<accept>[^\]]+)\] (?<fe>\S+) (?<be>[^/\s]+)/(?<srv>\S+) (?<timers>-?\d+/-?\d+/-?\d+/-?\d+/\+?-?\d+) (?<status>-?\d{1,3}) (?<bytes>\+?\d+) \S+ \S+ (?<term>\S{4}) \S+ \S+(?: \{[^}]*\})* "(?<req>[^"]*)"?""")]
    private static partial Regex Http();

    [GeneratedRegex(@"^(?<cip>[\da-fA-F.:]+):(?<cport>\d+) \[(?<accept>[^\]]+)\] (?<fe>\S+) (?<be>[^/\s]+)/(?<srv>\S+) (?<timers>-?\d+/-?\d+/\+?-?\d+) (?<bytes>\+?\d+) (?<term>\S{2}) \S+ \S+$")]
    private static partial Regex Tcp();
}
