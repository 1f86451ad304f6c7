namespace EvidenceKit.Timeline.Parsing;

/// <summary>One evidence file handed to a parser.</summary>
/// <param name="Content">The decompressed content, read once from the start (not seekable).</param>
/// <param name="Sample">The file's name, source path and first bytes.</param>
/// <param name="Clock">How to read wall-clock times that carry no zone or no year.</param>
public sealed record LogSource(Stream Content, LogSample Sample, LogClock Clock);
