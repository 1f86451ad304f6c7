namespace EvidenceKit.Timeline.Formats.Journald;

/// <summary>A journal file's bytes break the documented format (bad offset, wrong object type, size out of bounds).</summary>
internal sealed class JournalFormatException(string message) : Exception(message);
