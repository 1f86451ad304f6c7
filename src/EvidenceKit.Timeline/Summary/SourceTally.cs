namespace EvidenceKit.Timeline.Summary;

/// <summary>Events of one source (a host's log file, by path and parser): how many, and the time range they cover.</summary>
internal sealed class SourceTally(string host, string sourcePath, string parser)
{
    public string Host => host;

    public string SourcePath => sourcePath;

    public string Parser => parser;

    public long Events { get; set; }

    public DateTimeOffset First { get; set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;
}
