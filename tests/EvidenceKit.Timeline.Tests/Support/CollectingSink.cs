using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Tests.Support;

/// <summary>Keeps what a parser reports, for parser tests.</summary>
internal sealed class CollectingSink : IEventSink
{
    public List<LogEvent> Events { get; } = [];

    public List<(long Position, string Original)> UnparsedLines { get; } = [];

    public void Event(LogEvent logEvent) => Events.Add(logEvent);

    public void Unparsed(long position, string original) => UnparsedLines.Add((position, original));

    /// <summary>Parses <paramref name="text"/> as the file <paramref name="sourcePath"/> of a host in <paramref name="zone"/>, last modified at <paramref name="modified"/>.</summary>
    public static CollectingSink Parse(ILogParser parser, string sourcePath, string text, string zone = "UTC", DateTimeOffset? modified = null) =>
        Parse(parser, sourcePath, System.Text.Encoding.UTF8.GetBytes(text), zone, modified);

    /// <summary>Parses <paramref name="bytes"/> (any bytes, valid UTF-8 or not) as the file <paramref name="sourcePath"/>.</summary>
    public static CollectingSink Parse(ILogParser parser, string sourcePath, byte[] bytes, string zone = "UTC", DateTimeOffset? modified = null)
    {
        var sample = new LogSample(Reading.LogNames.BaseName(sourcePath), sourcePath, bytes.AsMemory(0, Math.Min(bytes.Length, 4096)));
        var clock = new LogClock(TimeZoneInfo.FindSystemTimeZoneById(zone), zone, modified ?? new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var sink = new CollectingSink();
        parser.Parse(new LogSource(new MemoryStream(bytes), sample, clock), sink, CancellationToken.None);
        return sink;
    }
}
