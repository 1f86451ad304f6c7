using System.Globalization;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Iis;

/// <summary>
/// Reads a W3C extended log: <c>#Fields:</c> names the columns of the lines after it (a file may hold several
/// headers, after each restart or configuration change); <c>#Date:</c> supplies the date when no <c>date</c>
/// column exists. Times are UTC, as the format defines. Directive lines are headers, not events; data lines
/// before any <c>#Fields:</c> or with the wrong number of columns are unparsed.
/// </summary>
internal sealed class IisW3cSession(IEventSink sink) : LineSession
{
    private string[]? _columns;
    private DateOnly? _directiveDate;

    /// <inheritdoc />
    public override void Line(LogLine line)
    {
        var text = line.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        if (text.StartsWith('#'))
        {
            Directive(text);
            return;
        }
        var values = text.Split(' ');
        if (_columns is null || values.Length != _columns.Length)
        {
            sink.Unparsed(line.Number, text);
            return;
        }
        var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Length; i++)
        {
            row.TryAdd(_columns[i], values[i]);
        }
        var time = Time(row);
        if (time is null)
        {
            sink.Unparsed(line.Number, text);
            return;
        }
        sink.Event(ToEvent(line, time.Value, row));
    }

    private void Directive(string text)
    {
        if (text.StartsWith("#Fields:", StringComparison.OrdinalIgnoreCase))
        {
            _columns = text["#Fields:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        else if (text.StartsWith("#Date:", StringComparison.OrdinalIgnoreCase)
                 && DateTime.TryParse(text["#Date:".Length..].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            _directiveDate = DateOnly.FromDateTime(date);
        }
    }

    private DateTimeOffset? Time(Dictionary<string, string> row)
    {
        DateOnly date;
        if (row.TryGetValue("date", out var dateText))
        {
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                return null;
            }
        }
        else if (_directiveDate is { } fromDirective)
        {
            date = fromDirective;
        }
        else
        {
            return null;
        }
        if (!row.TryGetValue("time", out var timeText)
            || !TimeOnly.TryParseExact(timeText, ["HH:mm:ss", "HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }
        return new DateTimeOffset(date.ToDateTime(time), TimeSpan.Zero);
    }

    private static LogEvent ToEvent(LogLine line, DateTimeOffset time, Dictionary<string, string> row)
    {
        var fields = new FieldSet();
        foreach (var (name, value) in row)
        {
            if (name is "date" or "time")
            {
                continue;
            }
            var stable = W3cFieldNames.Stable.GetValueOrDefault(name) ?? "w3c_" + name.ToLowerInvariant();
            // W3C writes spaces inside a value as '+'.
            fields.Add(stable, stable is "user_agent" or "referer" or "cookie" ? value.Replace('+', ' ') : value);
        }
        var path = row.GetValueOrDefault("cs-uri-stem");
        var query = row.GetValueOrDefault("cs-uri-query");
        var url = query is null or "-" ? path : path + "?" + query;
        fields.Add("url", url);
        var built = fields.Build();
        var message = $"{built.GetValueOrDefault("client_ip", "?")} {built.GetValueOrDefault("method", "?")} {url ?? "?"} {built.GetValueOrDefault("status", "?")}";
        return new LogEvent(time, "Request Time", message, line.Number, line.Text, built);
    }
}
