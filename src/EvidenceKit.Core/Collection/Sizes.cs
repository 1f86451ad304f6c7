using System.Globalization;
using System.Text.RegularExpressions;

namespace EvidenceKit.Core.Collection;

/// <summary>Byte counts in words people read: "1.5 GiB".</summary>
public static partial class Sizes
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>Formats a byte count with a binary unit.</summary>
    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {Units[unit]}");
    }

    /// <summary>
    /// Parses "123", "512KiB", "2 GiB" or "10MB": a whole positive number with an optional unit, case-insensitive
    /// (KiB..TiB binary, KB..TB decimal). Null when the text is not such a size or does not fit in a long.
    /// The one size syntax of the product: profiles' max-file-size and the --max-*-size options.
    /// </summary>
    public static long? TryParse(string text)
    {
        var match = SizePattern().Match(text.Trim());
        if (!match.Success
            || !long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
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
        return factor == 0 || number <= 0 || number > long.MaxValue / factor ? null : number * factor;
    }

    [GeneratedRegex(@"^(?<n>[0-9]+)\s*(?<u>[KMGT]i?B|B)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
