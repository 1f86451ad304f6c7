using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Squid;

/// <summary>
/// Squid's native <c>access.log</c> format (logformat <c>squid</c>): <c>time.ms elapsed client code/status
/// bytes method URL user hierarchy/peer type</c>; the time is seconds since the epoch, so exact UTC.
/// </summary>
internal sealed partial class SquidAccessParser : SingleLineParser
{
    /// <inheritdoc />
    public override string Name => "squid-access";

    /// <inheritdoc />
    public override int Fits(LogSample sample)
    {
        var content = Shape().IsMatch(SampleText.FirstLine(sample));
        var name = SampleText.NameIs(sample, "access.log") && SampleText.PathHas(sample, "squid");
        return content ? FitScore.Of(name, true) : FitScore.None;
    }

    /// <inheritdoc />
    protected override LogEvent? ParseLine(LogLine line, LogSource source)
    {
        var m = Shape().Match(line.Text);
        if (!m.Success)
        {
            return null;
        }
        var millis = m.Groups["ms"].Value.PadRight(3, '0');
        var time = HostTime.FromUnixSeconds(long.Parse(m.Groups["sec"].Value, CultureInfo.InvariantCulture),
            int.Parse(millis, CultureInfo.InvariantCulture) * 1000L).Utc;
        var fields = new FieldSet()
            .Add("elapsed_ms", m.Groups["elapsed"].Value)
            .Add("client_ip", m.Groups["client"].Value)
            .Add("cache_result", m.Groups["code"].Value)
            .Add("status", m.Groups["status"].Value)
            .Add("bytes", m.Groups["bytes"].Value)
            .Add("method", m.Groups["method"].Value)
            .Add("url", m.Groups["url"].Value)
            .Add("user", m.Groups["user"].Value)
            .Add("hierarchy", m.Groups["hier"].Value)
            .Add("server_ip", m.Groups["peer"].Value)
            .Add("content_type", m.Groups["type"].Value)
            .Build();
        var message = $"{fields["client_ip"]} {fields.GetValueOrDefault("method")} {fields.GetValueOrDefault("url")} {m.Groups["code"].Value}/{m.Groups["status"].Value}";
        return new LogEvent(time, "Request Time", message, line.Number, line.Text, fields);
    }

    [GeneratedRegex(@"^(?<sec>\d{1,12})\.(?<ms>\d{1,3})\s+(?<elapsed>-?\d+) (?<client>\S+) (?<code>[A-Z_]+)/(?<status>\d{3}) (?<bytes>\d+) (?<method>\S+) (?<url>\S+) (?<user>\S+) (?<hier>[A-Z_]+)/(?<peer>\S+) (?<type>\S+)")]
    private static partial Regex Shape();
}
