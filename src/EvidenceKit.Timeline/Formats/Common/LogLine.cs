namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>One line of a text log as <see cref="LineReader"/> read it.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Text">The line without its line ending, decoded as UTF-8 (invalid bytes become U+FFFD); cut at the reader's cap.</param>
/// <param name="Truncated">True when the line was longer than the cap and <paramref name="Text"/> holds only its start.</param>
internal readonly record struct LogLine(long Number, string Text, bool Truncated);
