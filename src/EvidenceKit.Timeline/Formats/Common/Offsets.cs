using System.Text.RegularExpressions;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>UTC offsets written as <c>+0100</c> (common log format, Suricata) are rewritten <c>+01:00</c> for .NET's parser.</summary>
internal static partial class Offsets
{
    /// <summary><paramref name="text"/> with a trailing <c>+hhmm</c> offset given its colon.</summary>
    public static string WithColon(string text)
    {
        var match = TrailingOffset().Match(text);
        return match.Success ? text[..match.Index] + match.Groups[1].Value + ":" + match.Groups[2].Value : text;
    }

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex TrailingOffset();
}
