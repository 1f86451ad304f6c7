namespace EvidenceKit.Timeline.Parsing;

/// <summary>
/// Reads one log format. A parser is given one evidence file at a time, already decompressed, and reports
/// every event it reads and every line it cannot read to an <see cref="IEventSink"/>; it never drops a line
/// silently. Parsers hold no state between files and may run in parallel on different files.
/// </summary>
public interface ILogParser
{
    /// <summary>Stable parser name written on every event (<c>nginx-access</c>, <c>syslog</c>, <c>journald</c>, ...).</summary>
    string Name { get; }

    /// <summary>
    /// How well this parser fits the file: 0 = not at all; higher wins. Decided from the source path's name
    /// (rotation and compression suffixes already removed) and the first bytes of the decompressed content.
    /// </summary>
    int Fits(LogSample sample);

    /// <summary>Reads the whole source and reports to <paramref name="sink"/>.</summary>
    void Parse(LogSource source, IEventSink sink, CancellationToken cancellationToken);
}
