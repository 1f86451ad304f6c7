using System.Globalization;
using System.Text.RegularExpressions;

namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>Reads sizes such as "123", "512KiB", "2 GiB" or "10MB" (units case-insensitive; KiB..TiB binary, KB..TB decimal).</summary>
internal static partial class SizeText
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var match = SizePattern().Match(text.Trim());
        if (!match.Success
            || !long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        long factor = match.Groups["u"].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "KB" => 1000L,
            "MB" => 1000L * 1000,
            "GB" => 1000L * 1000 * 1000,
            "TB" => 1000L * 1000 * 1000 * 1000,
            "KIB" => 1L << 10,
            "MIB" => 1L << 20,
            "GIB" => 1L << 30,
            "TIB" => 1L << 40,
            _ => 0,
        };
        if (factor == 0 || number <= 0 || number > long.MaxValue / factor)
        {
            return false;
        }

        bytes = number * factor;
        return true;
    }

    [GeneratedRegex(@"^(?<n>[0-9]+)\s*(?<u>[KMGT]i?B|B)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
