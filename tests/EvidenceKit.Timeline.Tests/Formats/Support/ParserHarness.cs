using System.Text;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Tests.Formats.Support;

/// <summary>Runs a parser over bytes or text as the timeline would: a forward-only stream, a sample of the first 4 KiB, a host clock.</summary>
internal static class ParserHarness
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static LogClock Clock(TimeZoneInfo? zone = null) =>
        new(zone ?? TimeZoneInfo.Utc, zone?.Id ?? "UTC", new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));

    public static LogSample Sample(string fileName, byte[] content) =>
        new(fileName, "/var/log/" + fileName, content.AsMemory(0, Math.Min(content.Length, 4096)));

    public static CollectingSink Run(ILogParser parser, string fileName, byte[] content, LogClock? clock = null)
    {
        var sink = new CollectingSink();
        using var stream = new ForwardOnlyStream(new MemoryStream(content));
        parser.Parse(new LogSource(stream, Sample(fileName, content), clock ?? Clock()), sink, CancellationToken.None);
        return sink;
    }

    public static CollectingSink Run(ILogParser parser, string fileName, string content, LogClock? clock = null) =>
        Run(parser, fileName, Encoding.UTF8.GetBytes(content), clock);

    public static int Fits(ILogParser parser, string fileName, string content) =>
        parser.Fits(Sample(fileName, Encoding.UTF8.GetBytes(content)));
}
