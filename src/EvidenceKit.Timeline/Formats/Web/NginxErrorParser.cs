using System.Globalization;
using System.Text.RegularExpressions;

namespace EvidenceKit.Timeline.Formats.Web;

/// <summary>
/// nginx's error log: <c>2026/12/01 10:00:00 [error] 1234#1234: *5 message, client: 127.0.0.1, server: x, request: "GET / HTTP/1.1", host: "x"</c>.
/// The time has no zone: it is read in the host's zone.
/// </summary>
internal sealed partial class NginxErrorParser : WebErrorParser
{
    /// <inheritdoc />
    public override string Name => "nginx-error";

    /// <inheritdoc />
    protected override Regex Line => LineRegex();

    /// <inheritdoc />
    protected override bool TryWallClock(string text, out DateTime wallClock) =>
        DateTime.TryParseExact(text, "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out wallClock);

    /// <inheritdoc />
    protected override void AddFields(Match match, Dictionary<string, string> fields)
    {
        fields["pid"] = match.Groups["pid"].Value;
        fields["tid"] = match.Groups["tid"].Value;
        if (match.Groups["connection"].Success)
        {
            fields["connection"] = match.Groups["connection"].Value;
        }
        foreach (Match context in Context().Matches(match.Groups["text"].Value))
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
    }

    [GeneratedRegex(@"^(?<time>[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}) \[(?<level>[a-z]+)\] (?<pid>[0-9]+)#(?<tid>[0-9]+): (?:\*(?<connection>[0-9]+) )?(?<text>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex LineRegex();

    [GeneratedRegex(""", (?<key>client|server|request|upstream|host|referrer): (?<value>"(?:[^"\\]|\\.)*"|[^,]*)""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Context();
}
