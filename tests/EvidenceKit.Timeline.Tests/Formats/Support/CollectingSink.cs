using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Tests.Formats.Support;

/// <summary>Keeps what a parser reported, in order.</summary>
internal sealed class CollectingSink : IEventSink
{
    public List<LogEvent> Events { get; } = [];

    public List<(long Position, string Original)> Unparsed { get; } = [];

    public void Event(LogEvent logEvent) => Events.Add(logEvent);

    void IEventSink.Unparsed(long position, string original) => Unparsed.Add((position, original));
}
