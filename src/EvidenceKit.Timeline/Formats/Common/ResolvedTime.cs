namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>An instant read from a log, with how it was derived when the log did not say it in full.</summary>
/// <param name="Utc">The instant.</param>
/// <param name="Note">Null when the log wrote the instant with its zone; otherwise e.g. <c>zone assumed Europe/Berlin</c>.</param>
internal readonly record struct ResolvedTime(DateTimeOffset Utc, string? Note);
