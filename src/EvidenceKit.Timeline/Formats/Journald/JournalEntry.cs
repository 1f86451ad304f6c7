namespace EvidenceKit.Timeline.Formats.Journald;

/// <summary>One entry as read from a journal file: its header values and its fields in file order.</summary>
/// <param name="Offset">The entry object's byte offset.</param>
/// <param name="Seqnum">The entry's sequence number.</param>
/// <param name="RealtimeMicroseconds">Wall-clock time (<c>__REALTIME_TIMESTAMP</c>), microseconds since the epoch.</param>
/// <param name="MonotonicMicroseconds">Monotonic time since boot (<c>__MONOTONIC_TIMESTAMP</c>).</param>
/// <param name="BootId">The boot ID (hex).</param>
/// <param name="Fields">Each data item as name and value (a field may repeat).</param>
/// <param name="Damage">Why some items could not be read, one line per item; empty when all were read.</param>
internal sealed record JournalEntry(
    long Offset,
    ulong Seqnum,
    ulong RealtimeMicroseconds,
    ulong MonotonicMicroseconds,
    string BootId,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    IReadOnlyList<string> Damage);
