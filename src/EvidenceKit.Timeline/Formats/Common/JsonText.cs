using System.Globalization;
using System.Text.Json;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>Reading values out of one JSON log line (eve.json, Docker json-file) without trusting their types.</summary>
internal static class JsonText
{
    /// <summary>Options for one log line: comments and trailing commas refused, nesting bounded.</summary>
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>The value at a dotted path (<c>alert.signature</c>) as text, or null when absent or not a scalar.</summary>
    public static string? At(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }
        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>Parses an RFC 3339 / ISO 8601 time with its offset (<c>Z</c>, <c>+01:00</c> or <c>+0100</c>), keeping at most 7 fraction digits.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }
        var normalized = Offsets.WithColon(text);
        var dot = normalized.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < normalized.Length && char.IsAsciiDigit(normalized[end]))
            {
                end++;
            }
            // .NET keeps 100 ns ticks: nanoseconds (Docker) are cut to 7 digits.
            if (end - dot - 1 > 7)
            {
                normalized = normalized[..(dot + 8)] + normalized[end..];
            }
        }
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
               && (normalized.EndsWith('Z') || normalized.Contains('+', StringComparison.Ordinal) || normalized.LastIndexOf('-') > 10);
    }
}
