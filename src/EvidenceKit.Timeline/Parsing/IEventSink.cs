namespace EvidenceKit.Timeline.Parsing;

/// <summary>Where a parser reports what it read. Called from one thread per file.</summary>
public interface IEventSink
{
    /// <summary>One event read from the file.</summary>
    void Event(LogEvent logEvent);

    /// <summary>A line or record the parser could not read; <paramref name="position"/> as in <see cref="LogEvent.Position"/>.</summary>
    void Unparsed(long position, string original);
}
