using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Time;

namespace EvidenceKit.Timeline.Formats.Web;

/// <summary>
/// nginx's error log: <c>2026/12/01 10:00:00 [error] 1234#1234: *5 message, client: 127.0.0.1, server: x, request: "GET / HTTP/1.1", host: "x"</c>.
/// The time has no zone: it is read in the host's zone.
/// </summary>
internal sealed partial class NginxErrorParser : SingleLineParser
{
    /// <inheritdoc />
    public override string Name => "nginx-error";

    /// <inheritdoc />
    public override int Fits(LogSample sample) =>
        WebFiles.FirstLinesMatch(sample.Head, line => Line().IsMatch(line))
            ? (sample.FileName.Contains("error", StringComparison.OrdinalIgnoreCase) ? 80 : 50)
            : 0;

    /// <inheritdoc />
    protected override LogEvent? ParseLine(LogLine line, LogSource source)
    {
        var match = Line().Match(line.Text);
        if (!match.Success || !DateTime.TryParseExact(match.Groups["time"].Value, "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var wall))
        {
            return null;
        }
        var (time, note) = LocalTimes.InHostZone(wall, source.Clock);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["level"] = match.Groups["level"].Value,
            ["pid"] = match.Groups["pid"].Value,
            ["tid"] = match.Groups["tid"].Value,
        };
        if (match.Groups["connection"].Success)
        {
            fields["connection"] = match.Groups["connection"].Value;
        }
        var text = match.Groups["text"].Value;
        foreach (Match context in Context().Matches(text))
        {
            var key = context.Groups["key"].Value switch
            {
                "client" => "client_ip",
                "server" => "server",
                "request" => "request",
                "upstream" => "upstream",
                "host" => "host_header",
                "referrer" => "referer",
                _ => null,
            };
            if (key is not null)
            {
                fields[key] = context.Groups["value"].Value.Trim('"');
            }
        }
        if (fields.TryGetValue("request", out var request) && request.Split(' ') is [var method, var url, var protocol] && protocol.StartsWith("HTTP/", StringComparison.Ordinal))
        {
            fields["method"] = method;
            fields["url"] = url;
        }
        return new LogEvent(time, "Log Time", $"[{fields["level"]}] {text}", line.Number, line.Text, fields, TimeNote: note);
    }

    [GeneratedRegex(@"^(?<time>[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}) \[(?<level>[a-z]+)\] (?<pid>[0-9]+)#(?<tid>[0-9]+): (?:\*(?<connection>[0-9]+) )?(?<text>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Line();

    [GeneratedRegex(""", (?<key>client|server|request|upstream|host|referrer): (?<value>"(?:[^"\\]|\\.)*"|[^,]*)""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Context();
}
