namespace EvidenceKit.Timeline.Parsing;

/// <summary>
/// One event as a parser read it. Provenance (bundle, evidence id, bag path, SHA-256, verdict) is added by the
/// timeline, not by the parser.
/// </summary>
/// <param name="Time">The event's instant, in UTC.</param>
/// <param name="TimestampDescription">What the time means (Timesketch's <c>timestamp_desc</c>): <c>Request Time</c>, <c>Log Time</c>, <c>Login Time</c>, ...</param>
/// <param name="Message">A one-line human summary.</param>
/// <param name="Position">1-based line number for text formats; byte offset for binary formats (see <paramref name="PositionIsOffset"/>).</param>
/// <param name="Original">The original text of the line or record (for binary records, a readable rendering).</param>
/// <param name="Fields">Parsed fields with the stable names documented in README (<c>client_ip</c>, <c>method</c>, <c>url</c>, <c>status</c>, <c>user</c>, <c>program</c>, <c>pid</c>, ...).</param>
/// <param name="PositionIsOffset">True when <paramref name="Position"/> is a byte offset.</param>
/// <param name="TimeNote">How the time was derived when it was not written in full (e.g. <c>zone assumed Europe/Berlin</c>, <c>year inferred 2025</c>); null when it was.</param>
public sealed record LogEvent(
    DateTimeOffset Time,
    string TimestampDescription,
    string Message,
    long Position,
    string Original,
    IReadOnlyDictionary<string, string> Fields,
    bool PositionIsOffset = false,
    string? TimeNote = null);
