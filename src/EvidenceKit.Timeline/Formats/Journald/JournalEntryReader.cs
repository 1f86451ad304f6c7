using System.Buffers.Binary;
using System.Text;

namespace EvidenceKit.Timeline.Formats.Journald;

/// <summary>
/// Reads entries from a journal file: follows the chain of entry arrays from the header (each array must lie
/// after the previous one, so a cycle ends the walk), then reads each entry object and its data objects. Entry
/// items are 16 bytes (offset and hash) in regular files and 4 bytes (offset) in compact ones; a data object's
/// payload starts at byte 64, or 72 in compact files.
/// </summary>
internal sealed class JournalEntryReader(JournalFile file, JournalHeader header)
{
    /// <summary>The largest entry object read (1 MiB: 65536 compact items).</summary>
    public const long MaxEntryBytes = 1024 * 1024;

    /// <summary>The longest field value kept in an event (64 KiB); longer values are cut and say so.</summary>
    public const int MaxValueChars = 64 * 1024;

    private const int EntryItemsStart = 64;
    private const int ArrayItemsStart = 24;
    private const int CacheLimit = 4096;

    private readonly Dictionary<ulong, KeyValuePair<string, string>> _dataCache = [];

    private int ItemSize => header.IsCompact ? 4 : 16;

    private int ArrayItemSize => header.IsCompact ? 4 : 8;

    private int DataPayloadStart => header.IsCompact ? 72 : 64;

    /// <summary>
    /// The entry offsets in the order the entry arrays list them. Problems with the chain itself are reported to
    /// <paramref name="chainProblem"/> (with the offset where they were found) and end the walk.
    /// </summary>
    public IEnumerable<ulong> EntryOffsets(Action<long, string> chainProblem)
    {
        var arrayOffset = header.EntryArrayOffset;
        ulong previous = 0;
        long listed = 0;
        var maxItems = file.Length / 4;
        while (arrayOffset != 0)
        {
            if (arrayOffset <= previous)
            {
                chainProblem((long)previous, $"entry array chain points back to offset {arrayOffset} (a cycle); walk stopped");
                yield break;
            }
            JournalObject array;
            try
            {
                array = file.ReadObject(arrayOffset, JournalObject.EntryArray, ArrayItemsStart);
            }
            catch (JournalFormatException ex)
            {
                chainProblem((long)(previous == 0 ? arrayOffset : previous), "entry array unreadable: " + ex.Message);
                yield break;
            }
            var bytes = array.Bytes;
            for (var i = ArrayItemsStart; i + ArrayItemSize <= bytes.Length; i += ArrayItemSize)
            {
                var entry = header.IsCompact
                    ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i))
                    : BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i));
                if (entry == 0)
                {
                    yield break;
                }
                if (++listed > maxItems)
                {
                    chainProblem(array.Offset, "entry arrays list more entries than the file can hold; walk stopped");
                    yield break;
                }
                yield return entry;
            }
            previous = arrayOffset;
            arrayOffset = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16));
        }
    }

    /// <summary>Reads the entry at <paramref name="offset"/>; throws <see cref="JournalFormatException"/> when the entry object itself is unreadable.</summary>
    public JournalEntry ReadEntry(ulong offset)
    {
        var entry = file.ReadObject(offset, JournalObject.Entry, EntryItemsStart, MaxEntryBytes).Bytes;
        var span = entry.AsSpan();
        var fields = new List<KeyValuePair<string, string>>();
        var damage = new List<string>();
        for (var i = EntryItemsStart; i + ItemSize <= entry.Length; i += ItemSize)
        {
            var dataOffset = header.IsCompact
                ? BinaryPrimitives.ReadUInt32LittleEndian(span[i..])
                : BinaryPrimitives.ReadUInt64LittleEndian(span[i..]);
            try
            {
                fields.Add(ReadData(dataOffset));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                damage.Add($"item {(i - EntryItemsStart) / ItemSize} (data at offset {dataOffset}) unreadable: {ex.Message}");
            }
        }
        return new JournalEntry(
            (long)offset,
            BinaryPrimitives.ReadUInt64LittleEndian(span[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(span[24..]),
            BinaryPrimitives.ReadUInt64LittleEndian(span[32..]),
            Convert.ToHexStringLower(span.Slice(40, 16)),
            fields,
            damage);
    }

    private KeyValuePair<string, string> ReadData(ulong offset)
    {
        if (_dataCache.TryGetValue(offset, out var cached))
        {
            return cached;
        }
        var data = file.ReadObject(offset, JournalObject.Data, DataPayloadStart);
        var payload = JournalDecompressor.Inflate(data.Flags, data.Bytes[DataPayloadStart..]);
        var field = Split(payload);
        if (_dataCache.Count >= CacheLimit)
        {
            _dataCache.Clear();
        }
        _dataCache[offset] = field;
        return field;
    }

    private static KeyValuePair<string, string> Split(byte[] payload)
    {
        var equals = Array.IndexOf(payload, (byte)'=');
        if (equals <= 0)
        {
            throw new JournalFormatException("data payload is not FIELD=value");
        }
        var name = Encoding.UTF8.GetString(payload, 0, equals);
        var valueLength = payload.Length - equals - 1;
        var kept = Math.Min(valueLength, MaxValueChars);
        var value = Encoding.UTF8.GetString(payload, equals + 1, kept);
        if (kept < valueLength)
        {
            value += $"[... {valueLength - kept} more bytes]";
        }
        return new KeyValuePair<string, string>(name, value);
    }
}
