namespace EvidenceKit.Timeline.Reading;

/// <summary>One line of a text log: its 1-based number, its text (UTF-8, invalid bytes as U+FFFD, line end removed), and whether it was cut at the line bound.</summary>
internal readonly record struct LogLine(long Number, string Text, bool Truncated);
