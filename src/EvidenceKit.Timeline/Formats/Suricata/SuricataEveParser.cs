using System.Text.Json;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Suricata;

/// <summary>
/// Suricata's EVE JSON output (<c>eve.json</c>): one JSON object per line with <c>timestamp</c> (with offset),
/// <c>event_type</c>, the flow's addresses and ports, and per type an object (<c>alert</c>, <c>http</c>, <c>dns</c>, <c>tls</c>, ...).
/// </summary>
internal sealed class SuricataEveParser : SingleLineParser
{
    private static readonly (string Path, string Stable)[] Names =
    [
        ("event_type", "event_type"), ("src_ip", "client_ip"), ("src_port", "client_port"), ("dest_ip", "server_ip"),
        ("dest_port", "server_port"), ("proto", "protocol"), ("app_proto", "app_protocol"), ("flow_id", "flow_id"),
        ("in_iface", "interface"), ("alert.action", "alert_action"), ("alert.signature", "alert_signature"),
        ("alert.signature_id", "alert_signature_id"), ("alert.category", "alert_category"),
        ("alert.severity", "alert_severity"), ("http.hostname", "vhost"), ("http.url", "url"),
        ("http.http_method", "method"), ("http.status", "status"), ("http.http_user_agent", "user_agent"),
        ("dns.rrname", "dns_query"), ("dns.type", "dns_type"), ("tls.sni", "tls_sni"), ("fileinfo.filename", "file_name"),
    ];

    /// <inheritdoc />
    public override string Name => "suricata-eve";

    /// <inheritdoc />
    protected override int MaxLineBytes => 1024 * 1024;

    /// <inheritdoc />
    public override int Fits(LogSample sample)
    {
        var first = SampleText.FirstLine(sample);
        var content = first.StartsWith('{') && first.Contains("\"event_type\"", StringComparison.Ordinal)
                      && first.Contains("\"timestamp\"", StringComparison.Ordinal);
        return FitScore.Of(SampleText.NameIs(sample, "eve.json"), content);
    }

    /// <inheritdoc />
    protected override LogEvent? ParseLine(LogLine line, LogSource source)
    {
        using var document = JsonDocument.Parse(line.Text, JsonText.Options);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !JsonText.TryParseInstant(JsonText.At(root, "timestamp"), out var time))
        {
            return null;
        }
        var fields = new FieldSet();
        foreach (var (path, stable) in Names)
        {
            fields.Add(stable, JsonText.At(root, path));
        }
        var built = fields.Build();
        var type = built.GetValueOrDefault("event_type", "event");
        var flow = $"{built.GetValueOrDefault("client_ip", "?")}:{built.GetValueOrDefault("client_port", "?")} -> {built.GetValueOrDefault("server_ip", "?")}:{built.GetValueOrDefault("server_port", "?")}";
        var detail = built.GetValueOrDefault("alert_signature")
                     ?? (built.ContainsKey("url") ? $"{built.GetValueOrDefault("method")} {built.GetValueOrDefault("vhost")}{built["url"]} {built.GetValueOrDefault("status")}" : null)
                     ?? built.GetValueOrDefault("dns_query")
                     ?? built.GetValueOrDefault("app_protocol");
        var message = detail is null ? $"{type} {flow}" : $"{type} {flow} {detail}";
        return new LogEvent(time.ToUniversalTime(), "Event Time", message, line.Number, line.Text, built);
    }
}
