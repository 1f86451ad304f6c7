using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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
internal sealed partial class AccessLogParser(string name) : ILogParser
{
    /// <inheritdoc />
    public string Name => name;

    /// <summary>The three parsers, one per server family; <see cref="Fits"/> decides by path.</summary>
    public static IReadOnlyList<ILogParser> All { get; } = [new AccessLogParser("nginx-access"), new AccessLogParser("apache-access"), new AccessLogParser("web-access")];

    /// <inheritdoc />
    public int Fits(LogSample sample)
    {
        if (WebFiles.Family(sample.SourcePath) + "-access" != name || !WebFiles.FirstLinesMatch(sample.Head, line => Line().IsMatch(line)))
        {
            return 0;
        }
        return sample.FileName.Contains("access", StringComparison.OrdinalIgnoreCase) || name != "web-access" ? 80 : 50;
    }

    /// <inheritdoc />
    public void Parse(LogSource source, IEventSink sink, CancellationToken cancellationToken)
    {
        foreach (var line in LogLineReader.Read(source.Content, cancellationToken))
        {
            if (line.Text.Length == 0)
            {
                continue;
            }
            if (Read(line) is { } logEvent)
            {
                sink.Event(logEvent);
            }
            else
            {
                sink.Unparsed(line.Number, line.Text);
            }
        }
    }

    private static LogEvent? Read(LogLine line)
    {
        var match = Line().Match(line.Text);
        if (!match.Success || !TryTime(match.Groups["time"].ValueSpan, out var time))
        {
            return null;
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string field, string group)
        {
            var value = match.Groups[group];
            if (value.Success && value.ValueSpan is not "-" and not "")
            {
                fields[field] = value.Value;
            }
        }
        Put("vhost", "vhost");
        Put("client_ip", "client");
        Put("ident", "ident");
        Put("user", "user");
        Put("status", "status");
        Put("bytes", "size");
        Put("referer", "referer");
        Put("user_agent", "agent");
        var request = match.Groups["request"].Value;
        fields["request"] = request;
        var parts = request.Split(' ');
        if (parts.Length == 3 && parts[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            fields["method"] = parts[0];
            fields["url"] = parts[1];
            fields["protocol"] = parts[2];
        }
        var extra = match.Groups["extra"].Value.Trim();
        if (extra.Length > 0)
        {
            fields["extra"] = extra;
        }
        if (line.Truncated)
        {
            fields["truncated"] = "true";
        }
        var message = new StringBuilder()
            .Append(fields.GetValueOrDefault("client_ip", "-")).Append(" \"").Append(request).Append("\" ")
            .Append(fields.GetValueOrDefault("status", "-")).ToString();
        return new LogEvent(time, "Request Time", message, line.Number, line.Text, fields);
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

    [GeneratedRegex("""^(?:(?<vhost>\S+:[0-9]+) )?(?<client>\S+) (?<ident>\S+) (?<user>\S+|"[^"]*") \[(?<time>[^\]]{26})\] "(?<request>(?:[^"\\]|\\.)*)" (?<status>[0-9]{3}|-) (?<size>[0-9]+|-)(?: "(?<referer>(?:[^"\\]|\\.)*)" "(?<agent>(?:[^"\\]|\\.)*)")?(?<extra>.*)$""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Line();
}
