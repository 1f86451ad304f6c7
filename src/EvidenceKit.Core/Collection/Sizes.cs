using System.Globalization;

namespace EvidenceKit.Core.Collection;

/// <summary>Byte counts in words people read: "1.5 GiB".</summary>
public static class Sizes
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

    /// <summary>Parses "123", "10KiB", "2GiB", "10MB" (decimal), case-insensitive; null when not a size.</summary>
    public static long? TryParse(string text)
    {
        var s = text.Trim();
        var i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
        {
            i++;
        }
        if (i == 0 || !double.TryParse(s[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }
        long? factor = s[i..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KIB" => 1L << 10,
            "M" or "MIB" => 1L << 20,
            "G" or "GIB" => 1L << 30,
            "T" or "TIB" => 1L << 40,
            "KB" => 1000,
            "MB" => 1000_000,
            "GB" => 1000_000_000,
            "TB" => 1000_000_000_000,
            _ => null,
        };
        return factor is { } f ? (long)(number * f) : null;
    }
}
