using System.Globalization;
using System.Text.RegularExpressions;

namespace EvidenceKit.Timeline.Formats.Web;

/// <summary>
/// Apache's error log, 2.4 (<c>[Tue Dec 01 10:00:00.123456 2026] [core:error] [pid 12:tid 34] [client 1.2.3.4:5678] AH00128: text</c>)
/// and 2.2 (<c>[Tue Dec 01 10:00:00 2026] [error] [client 1.2.3.4] text</c>). The time has no zone: read in the host's zone.
/// </summary>
internal sealed partial class ApacheErrorParser : WebErrorParser
{
    private static readonly string[] TimeForms = ["ddd MMM dd HH:mm:ss.ffffff yyyy", "ddd MMM dd HH:mm:ss yyyy", "ddd MMM d HH:mm:ss yyyy"];

    private static readonly (string Field, string Group)[] Groups =
        [("module", "module"), ("pid", "pid"), ("tid", "tid"), ("client_ip", "client"), ("client_port", "port"), ("error_code", "code")];

    /// <inheritdoc />
    public override string Name => "apache-error";

    /// <inheritdoc />
    protected override Regex Line => LineRegex();

    /// <inheritdoc />
    protected override bool TryWallClock(string text, out DateTime wallClock) =>
        DateTime.TryParseExact(text, TimeForms, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out wallClock);

    /// <inheritdoc />
    protected override void AddFields(Match match, Dictionary<string, string> fields)
    {
        foreach (var (field, group) in Groups)
        {
            if (match.Groups[group].Success)
            {
                fields[field] = match.Groups[group].Value;
            }
        }
    }

    [GeneratedRegex(@"^\[(?<time>[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]{1,2} [0-9:.]{8,15} [0-9]{4})\] \[(?:(?<module>[a-z_0-9]+):)?(?<level>[a-z]+[0-9]?)\](?: \[pid (?<pid>[0-9]+)(?::tid (?<tid>[0-9]+))?\])?(?: \[client (?<client>[0-9a-fA-F.:]+?)(?::(?<port>[0-9]+))?\])? (?:(?<code>AH[0-9]{5}): )?(?<text>.*)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex LineRegex();
}
