using System.Text.RegularExpressions;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>
/// The NCSA common log format and its combined extension, as Tomcat's AccessLogValve writes them with the
/// <c>common</c> (<c>%h %l %u %t "%r" %s %b</c>) and <c>combined</c> (plus <c>"%{Referer}i" "%{User-Agent}i"</c>) patterns.
/// </summary>
internal static partial class CommonLogFormat
{
    /// <summary>Reads a line into fields (stable names) and its time; false when it is not in the format.</summary>
    public static bool TryRead(string text, out DateTimeOffset time, out FieldSet fields)
    {
        fields = new FieldSet();
        time = default;
        var m = Shape().Match(text);
        if (!m.Success || !WebTime.TryParseZoned(m.Groups["time"].Value, out time))
        {
            return false;
        }
        var request = m.Groups["request"].Value;
        var parts = request.Split(' ');
        fields.Add("client_ip", m.Groups["host"].Value)
            .Add("ident", m.Groups["ident"].Value)
            .Add("user", m.Groups["user"].Value)
            .Add("request", request)
            .Add("status", m.Groups["status"].Value)
            .Add("bytes", m.Groups["bytes"].Value)
            .Add("referer", m.Groups["referer"].Value)
            .Add("user_agent", m.Groups["agent"].Value);
        if (parts.Length == 3)
        {
            fields.Add("method", parts[0]).Add("url", parts[1]).Add("protocol", parts[2]);
        }
        return true;
    }

    /// <summary>True when the line is in the format.</summary>
    public static bool Looks(string text) => Shape().IsMatch(text);

    [GeneratedRegex("""^(?<host>\S+) (?<ident>\S+) (?<user>\S+) \[(?<time>[^\]]+)\] "(?<request>(?:[^"\\]|\\.)*)" (?<status>\d{3}|-) (?<bytes>\d+|-)(?: "(?<referer>(?:[^"\\]|\\.)*)" "(?<agent>(?:[^"\\]|\\.)*)")?""")]
    private static partial Regex Shape();
}
