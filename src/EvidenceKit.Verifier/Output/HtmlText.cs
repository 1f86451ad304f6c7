using System.Net;
using System.Text;

namespace EvidenceKit.Verifier.Output;

/// <summary>The small pieces every part of the custody report is written with; every value is HTML-encoded.</summary>
internal static class HtmlText
{
    /// <summary>The text, HTML-encoded (empty for null).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A short time whose date and clock never break apart mid-number: they may only wrap at the space between them.</summary>
    public static string Time(DateTimeOffset time) => TimeSpans(ReportTime.Short(time));

    /// <summary>A manifest's time in the short form (or its text as given), wrapping only between date and clock.</summary>
    public static string Time(string? iso) => ReportTime.Parse(iso) is { } time ? Time(time) : E(iso);

    /// <summary>A whole number that never wraps: "1,234,567".</summary>
    public static string Number(long value) =>
        "<span class=\"nw\">" + value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "</span>";

    /// <summary>A two-column table of labels and values; rows with no value are left out.</summary>
    public static void KeyValues(StringBuilder html, IEnumerable<(string Label, string? Value, string? Class)> rows, bool small = false)
    {
        html.Append(small ? "<table class=\"kv small\">" : "<table class=\"kv\">").Append("<colgroup><col class=\"k\"><col></colgroup>\n");
        foreach (var (label, value, cssClass) in rows)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            html.Append("<tr><th>").Append(E(label)).Append("</th><td").Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append('>')
                .Append(E(value)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static string TimeSpans(string shortTime)
    {
        var space = shortTime.IndexOf(' ', StringComparison.Ordinal);
        return space < 0
            ? $"<span class=\"nw\">{E(shortTime)}</span>"
            : $"<span class=\"nw\">{E(shortTime[..space])}</span> <span class=\"nw\">{E(shortTime[(space + 1)..])}</span>";
    }
}
