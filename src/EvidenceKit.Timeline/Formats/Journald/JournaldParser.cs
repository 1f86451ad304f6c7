using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Formats.Journald;

/// <summary>
/// systemd's binary journal files (<c>*.journal</c>, <c>*.journal~</c>), read natively from the documented file
/// format: regular and compact files, keyed-hash or not, fields compressed with XZ, LZ4 or Zstandard. Positions
/// are the entry objects' byte offsets. A damaged file yields unparsed records naming the damage, never an
/// exception out of <see cref="Parse"/>.
/// </summary>
internal sealed class JournaldParser : ILogParser
{
    /// <inheritdoc />
    public string Name => "journald";

    /// <inheritdoc />
    public int Fits(LogSample sample)
    {
        if (sample.Head.Length >= 8 && sample.Head.Span[..8].SequenceEqual(JournalHeader.Signature))
        {
            return FitScore.Magic;
        }
        return FitScore.None;
    }

    /// <inheritdoc />
    public void Parse(LogSource source, IEventSink sink, CancellationToken cancellationToken)
    {
        JournalFile file;
        try
        {
            file = JournalFile.Spill(source.Content, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            sink.Unparsed(0, "journal content unreadable: " + ex.Message);
            return;
        }
        using (file)
        {
            if (file.WasCut)
            {
                sink.Unparsed(file.Length, $"journal file longer than {JournalFile.MaxSpillBytes} bytes: only that much was read");
            }
            JournalHeader header;
            try
            {
                header = JournalHeader.Read(file.ReadBytes(0, (int)Math.Min(file.Length, 272)), file.Length);
            }
            catch (JournalFormatException ex)
            {
                sink.Unparsed(0, ex.Message);
                return;
            }
            ReadEntries(file, header, sink, cancellationToken);
        }
    }

    private static void ReadEntries(JournalFile file, JournalHeader header, IEventSink sink, CancellationToken cancellationToken)
    {
        var reader = new JournalEntryReader(file, header);
        ulong read = 0;
        foreach (var offset in reader.EntryOffsets((at, problem) => sink.Unparsed(at, problem)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            read++;
            try
            {
                var entry = reader.ReadEntry(offset);
                var logEvent = JournalEventMapper.ToEvent(entry);
                if (logEvent is null)
                {
                    sink.Unparsed((long)offset, $"entry at offset {offset} has no valid realtime timestamp ({entry.RealtimeMicroseconds})");
                }
                else
                {
                    sink.Event(logEvent);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                sink.Unparsed((long)Math.Min(offset, long.MaxValue), $"entry at offset {offset} unreadable: {ex.Message}");
            }
        }
        if (read < header.EntryCount)
        {
            sink.Unparsed((long)header.EntryArrayOffset, $"header counts {header.EntryCount} entries; the entry arrays listed {read}");
        }
    }
}
