using System.Text.RegularExpressions;

namespace EvidenceKit.Timeline.Summary;

/// <summary>
/// Common web-attack patterns, matched against a request's URL (as logged and once percent-decoded) and user agent.
/// These are heuristics for triage, not verdicts: a match says "look here", never "this was an attack" (README lists them).
/// </summary>
internal static partial class AttackPatterns
{
    /// <summary>The pattern names, in the order they are reported.</summary>
    public static IReadOnlyList<string> Names { get; } = ["path_traversal", "sql_injection", "command_injection", "web_shell", "scanner_user_agent"];

    /// <summary>The patterns <paramref name="url"/> and <paramref name="userAgent"/> match, as bits: bit i set for <see cref="Names"/>[i].</summary>
    public static int Match(string? url, string? userAgent)
    {
        var matched = 0;
        if (!string.IsNullOrEmpty(url))
        {
            var decoded = Decode(url);
            if (PathTraversal().IsMatch(url) || PathTraversal().IsMatch(decoded))
            {
                matched |= 1;
            }
            if (SqlInjection().IsMatch(decoded))
            {
                matched |= 2;
            }
            if (CommandInjection().IsMatch(decoded))
            {
                matched |= 4;
            }
            if (WebShell().IsMatch(decoded))
            {
                matched |= 8;
            }
        }
        if (!string.IsNullOrEmpty(userAgent) && Scanner().IsMatch(userAgent))
        {
            matched |= 16;
        }
        return matched;
    }

    private static string Decode(string url)
    {
        try
        {
            return Uri.UnescapeDataString(url.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return url;
        }
    }

    [GeneratedRegex(@"\.\./|\.\.\\|%2e%2e(%2f|/|%5c)|\.\.%2f|\.\.%5c|/etc/(passwd|shadow)|/proc/self/|(?:^|[/=])(boot\.ini|win\.ini)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathTraversal();

    [GeneratedRegex(@"union(\s|/\*.*?\*/)+(all(\s|/\*.*?\*/)+)?select|\bselect\b.+\bfrom\b.+\b(where|information_schema)|information_schema|'\s*(or|and)\s+'?[0-9a-z]+'?\s*=\s*'?[0-9a-z]+|\b(or|and)\s+1\s*=\s*1\b|\b(sleep|benchmark|pg_sleep)\s*\(|waitfor\s+delay|;\s*(drop|insert|update|delete)\s|'\s*;?\s*--|\bxp_cmdshell\b|load_file\s*\(|into\s+(out|dump)file", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SqlInjection();

    [GeneratedRegex(@"(;|\||&&|`|\$\()\s*(id|whoami|uname|cat|ls|wget|curl|nc|ncat|bash|sh|python[0-9.]*|perl|php|chmod|rm|echo|ping|nslookup)\b|/bin/(ba)?sh\b|\bcmd\.exe\b|powershell|\$\{jndi:|\$\{IFS\}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommandInjection();

    [GeneratedRegex(@"/(c99|c100|r57|wso[0-9.]*|b374k|alfa[a-z0-9]*|shell|webshell|cmd|backdoor|phpspy|indoxploit|filesman|china_?chopper|up|upload|x|1|ws|bypass)\.(php[0-9]?|phtml|phar|jspx?|aspx?|ashx|cfm|cgi|pl)(\?|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebShell();

    [GeneratedRegex(@"sqlmap|nikto|nmap|masscan|zgrab|nuclei|wpscan|dirbuster|gobuster|feroxbuster|ffuf|wfuzz|acunetix|nessus|openvas|w3af|netsparker|qualys|arachni|skipfish|whatweb|hydra|jorgee|zmeu|morfeus|burp", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Scanner();
}
