using System.Globalization;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Reading;

namespace EvidenceKit.Timeline.Formats.Web;

/// <summary>
/// nginx and Apache access logs in the combined, common and vhost_combined formats
/// (<c>[%v:%p ]%h %l %u %t "%r" %&gt;s %b[ "%{Referer}i" "%{User-Agent}i"]</c>, anything after kept as <c>extra</c>).
/// The time carries its own offset. Named <c>nginx-access</c> or <c>apache-access</c> by the path it came from,
/// <c>web-access</c> otherwise.
/// </summary>
internal sealed class AccessLogParser(string name) : ILogParser
{
    /// <inheritdoc />
    public string Name => name;

    /// <summary>The three parsers, one per server family; <see cref="Fits"/> decides by path.</summary>
    public static IReadOnlyList<ILogParser> All { get; } = [new AccessLogParser("nginx-access"), new AccessLogParser("apache-access"), new AccessLogParser("web-access")];

    /// <inheritdoc />
    public int Fits(LogSample sample)
    {
        if (WebFiles.Family(sample.SourcePath) + "-access" != name || !WebFiles.FirstLinesMatch(sample.Head, line => AccessLineShape.TryMatch(line, out _)))
        {
            return 0;
        }
        return sample.FileName.Contains("access", StringComparison.OrdinalIgnoreCase) || name != "web-access" ? 80 : 50;
    }

    /// <inheritdoc />
    public void Parse(LogSource source, IEventSink sink, CancellationToken cancellationToken)
    {
        var shared = new SharedStrings();
        foreach (var line in LogLineReader.Read(source.Content, cancellationToken))
        {
            if (line.Text.Length == 0)
            {
                continue;
            }
            if (Read(line, shared) is { } logEvent)
            {
                sink.Event(logEvent);
            }
            else
            {
                sink.Unparsed(line.Number, line.Text);
            }
        }
    }

    private static LogEvent? Read(LogLine line, SharedStrings shared)
    {
        var text = line.Text;
        if (!AccessLineShape.TryMatch(text, out var parts) || !TryTime(text.AsSpan(parts.Time), out var time))
        {
            return null;
        }
        // Set in name order: the list appends without searching, and the timeline writes fields in this order.
        var fields = new FieldList(14);
        var status = Part(text, shared, parts.Status);
        var client = Part(text, shared, parts.Client);
        var request = text[parts.Request];
        Put(fields, "bytes", Part(text, shared, parts.Size));
        Put(fields, "client_ip", client);
        var extra = text.AsSpan(parts.Extra).Trim();
        if (extra.Length > 0)
        {
            fields.Set("extra", extra.ToString());
        }
        Put(fields, "ident", Part(text, shared, parts.Ident));
        var (method, url, protocol) = RequestLine(request, shared);
        // The request's parts are kept as logged, even when empty or "-" (as the fields were before).
        if (method is not null)
        {
            fields.Set("method", method);
            fields.Set("protocol", protocol!);
        }
        Put(fields, "referer", Part(text, shared, parts.Referer));
        fields.Set("request", request);
        Put(fields, "status", status);
        if (line.Truncated)
        {
            fields.Set("truncated", "true");
        }
        if (url is not null)
        {
            fields.Set("url", url);
        }
        Put(fields, "user", Part(text, shared, parts.User));
        Put(fields, "user_agent", Part(text, shared, parts.Agent));
        Put(fields, "vhost", Part(text, shared, parts.Vhost));
        var message = string.Concat(client ?? "-", " \"", request, "\" ", status ?? "-");
        return new LogEvent(time, "Request Time", message, line.Number, text, fields);
    }

    /// <summary>The part's text, or null when it is absent, empty or <c>-</c> (the logs' "none").</summary>
    private static string? Part(string text, SharedStrings shared, Range range)
    {
        var span = text.AsSpan(range);
        return span is "" or "-" ? null : shared.Get(span);
    }

    private static void Put(FieldList fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Set(name, value);
        }
    }

    /// <summary><c>METHOD URL HTTP/x</c> split at its two spaces; nulls unless there are exactly three parts and the last names HTTP.</summary>
    private static (string? Method, string? Url, string? Protocol) RequestLine(string request, SharedStrings shared)
    {
        var first = request.IndexOf(' ', StringComparison.Ordinal);
        var second = first < 0 ? -1 : request.IndexOf(' ', first + 1);
        if (second < 0 || request.IndexOf(' ', second + 1) >= 0 || !request.AsSpan(second + 1).StartsWith("HTTP/", StringComparison.Ordinal))
        {
            return (null, null, null);
        }
        return (shared.Get(request.AsSpan(..first)), request[(first + 1)..second], shared.Get(request.AsSpan((second + 1)..)));
    }

    /// <summary>Reads <c>10/Oct/2000:13:55:36 -0700</c> (the fixed layout of %t).</summary>
    internal static bool TryTime(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length != 26 || text[2] != '/' || text[6] != '/' || text[11] != ':' || text[20] != ' '
            || !int.TryParse(text[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || Time.LocalTimes.Month(text[3..6]) is var month && month == 0
            || !int.TryParse(text[7..11], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !TimeSpan.TryParseExact(text[12..20], @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var clock)
            || text[21] is not ('+' or '-')
            || !int.TryParse(text[22..24], NumberStyles.None, CultureInfo.InvariantCulture, out var offsetHours)
            || !int.TryParse(text[24..26], NumberStyles.None, CultureInfo.InvariantCulture, out var offsetMinutes)
            || offsetHours > 14 || offsetMinutes > 59 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month)
            || year is < 1 or > 9998)
        {
            return false;
        }
        var offset = new TimeSpan(offsetHours, offsetMinutes, 0) * (text[21] == '-' ? -1 : 1);
        time = new DateTimeOffset(new DateTime(year, month, day).Add(clock), offset).ToUniversalTime();
        return true;
    }
}
