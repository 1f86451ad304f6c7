using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Audit;

/// <summary>
/// Groups the records of one audit event by their serial. Records of different events may interleave, so several
/// events stay open at once; an event closes at its <c>EOE</c> record, when no record joined it for
/// <see cref="StaleAfterLines"/> lines, when more than <see cref="MaxOpen"/> are open (the oldest first), or at
/// the end of the file.
/// </summary>
internal sealed class AuditSession(IEventSink sink) : LineSession
{
    /// <summary>An open event with no new record for this many lines is closed.</summary>
    public const int StaleAfterLines = 64;

    /// <summary>The most events open at once.</summary>
    public const int MaxOpen = 256;

    /// <summary>The most records one event holds; more are unparsed.</summary>
    public const int MaxRecords = 512;

    private readonly Dictionary<string, List<AuditRecord>> _open = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override void Line(LogLine line)
    {
        if (string.IsNullOrWhiteSpace(line.Text))
        {
            return;
        }
        var record = AuditRecord.Parse(line);
        if (record is null)
        {
            sink.Unparsed(line.Number, line.Text);
            return;
        }
        if (!_open.TryGetValue(record.EventKey, out var records))
        {
            records = [];
            _open[record.EventKey] = records;
        }
        if (records.Count >= MaxRecords)
        {
            sink.Unparsed(line.Number, line.Text);
            return;
        }
        records.Add(record);
        if (record.Type == "EOE")
        {
            Close(record.EventKey);
        }
        CloseStale(line.Number);
    }

    /// <inheritdoc />
    public override void Finish()
    {
        foreach (var key in _open.OrderBy(o => o.Value[0].Line.Number).Select(o => o.Key).ToArray())
        {
            Close(key);
        }
    }

    private void CloseStale(long now)
    {
        var stale = _open.Where(o => now - o.Value[^1].Line.Number >= StaleAfterLines).Select(o => o.Key).ToList();
        if (_open.Count - stale.Count > MaxOpen)
        {
            stale.AddRange(_open.Where(o => !stale.Contains(o.Key)).OrderBy(o => o.Value[^1].Line.Number)
                .Take(_open.Count - stale.Count - MaxOpen).Select(o => o.Key));
        }
        foreach (var key in stale)
        {
            Close(key);
        }
    }

    private void Close(string key)
    {
        if (_open.Remove(key, out var records))
        {
            sink.Event(AuditEvent.Build(records));
        }
    }
}
