namespace EvidenceKit.Timeline.Formats.Iis;

/// <summary>The W3C extended log field identifiers (W3C Working Draft WD-logfile-960323, IIS's defaults) mapped to the timeline's stable names.</summary>
internal static class W3cFieldNames
{
    /// <summary>W3C identifier to stable name; identifiers not listed keep their own name prefixed <c>w3c_</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Stable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["c-ip"] = "client_ip",
        ["cs-username"] = "user",
        ["s-ip"] = "server_ip",
        ["s-port"] = "server_port",
        ["s-sitename"] = "site",
        ["s-computername"] = "server_name",
        ["cs-method"] = "method",
        ["cs-uri-stem"] = "url_path",
        ["cs-uri-query"] = "url_query",
        ["sc-status"] = "status",
        ["sc-substatus"] = "substatus",
        ["sc-win32-status"] = "win32_status",
        ["sc-bytes"] = "bytes",
        ["cs-bytes"] = "request_bytes",
        ["time-taken"] = "time_taken_ms",
        ["cs-version"] = "protocol",
        ["cs-host"] = "vhost",
        ["cs(User-Agent)"] = "user_agent",
        ["cs(Referer)"] = "referer",
        ["cs(Cookie)"] = "cookie",
    };
}
