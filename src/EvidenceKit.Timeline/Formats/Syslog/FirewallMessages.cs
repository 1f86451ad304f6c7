using System.Text.RegularExpressions;

namespace EvidenceKit.Timeline.Formats.Syslog;

/// <summary>
/// Reads the kernel's netfilter LOG lines (UFW's <c>[UFW BLOCK] IN=eth0 OUT= ... SRC=... DST=... PROTO=TCP SPT=... DPT=...</c>,
/// or any iptables/nftables log prefix): adds <c>fw_action</c> (the prefix, e.g. <c>UFW BLOCK</c>), <c>in_interface</c>,
/// <c>out_interface</c>, <c>src_ip</c>, <c>dst_ip</c>, <c>protocol</c>, <c>src_port</c>, <c>dst_port</c>.
/// </summary>
internal static partial class FirewallMessages
{
    /// <summary>Adds the packet's fields; false when the kernel message is not a netfilter log line.</summary>
    public static bool Recognise(string? program, string message, Dictionary<string, string> fields)
    {
        if (program != "kernel" || Packet().Match(message) is not { Success: true } packet)
        {
            return false;
        }
        var prefix = packet.Groups["prefix"].Value.Trim().Trim('[', ']').Trim();
        fields["fw_action"] = prefix.Length > 0 ? prefix : "LOG";
        foreach (Match pair in Pairs().Matches(packet.Groups["rest"].Value))
        {
            var key = pair.Groups["key"].Value switch
            {
                "IN" => "in_interface",
                "OUT" => "out_interface",
                "SRC" => "src_ip",
                "DST" => "dst_ip",
                "PROTO" => "protocol",
                "SPT" => "src_port",
                "DPT" => "dst_port",
                _ => null,
            };
            if (key is not null && pair.Groups["value"].Value.Length > 0)
            {
                fields.TryAdd(key, pair.Groups["value"].Value);
            }
        }
        return fields.ContainsKey("src_ip");
    }

    [GeneratedRegex(@"^(?:\[\s*[0-9]+\.[0-9]+\]\s*)?(?<prefix>.*?)\s*(?<rest>IN=\S* OUT=.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Packet();

    [GeneratedRegex(@"(?<=^| )(?<key>IN|OUT|SRC|DST|PROTO|SPT|DPT)=(?<value>\S*)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pairs();
}
