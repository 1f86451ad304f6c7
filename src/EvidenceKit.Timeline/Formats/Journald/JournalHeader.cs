using System.Buffers.Binary;

namespace EvidenceKit.Timeline.Formats.Journald;

/// <summary>
/// The fields of a journal file's header this reader uses, from systemd's documented layout
/// (https://systemd.io/JOURNAL_FILE_FORMAT): little-endian, signature <c>LPKSHHRH</c> at 0, incompatible flags at
/// 12, header size at 88, arena size at 96, number of entries at 152, the first entry array at 176.
/// </summary>
internal sealed record JournalHeader(
    uint IncompatibleFlags,
    ulong HeaderSize,
    ulong ArenaSize,
    ulong EntryCount,
    ulong EntryArrayOffset,
    string MachineId)
{
    /// <summary>The signature at offset 0.</summary>
    public static ReadOnlySpan<byte> Signature => "LPKSHHRH"u8;

    /// <summary>The smallest header this reader accepts (systemd 187's, up to and including <c>n_data</c>).</summary>
    public const int MinimumSize = 208;

    /// <summary>Fields compressed with XZ may occur.</summary>
    public const uint CompressedXz = 1;

    /// <summary>Fields compressed with LZ4 may occur.</summary>
    public const uint CompressedLz4 = 2;

    /// <summary>Hash tables use a keyed hash (siphash24); irrelevant to a reader that walks the entry arrays.</summary>
    public const uint KeyedHash = 4;

    /// <summary>Fields compressed with Zstandard may occur.</summary>
    public const uint CompressedZstd = 8;

    /// <summary>Compact mode: entry items and entry array items are 32-bit offsets; data objects carry 8 more bytes before the payload.</summary>
    public const uint Compact = 16;

    /// <summary>Every incompatible flag this reader understands.</summary>
    public const uint Known = CompressedXz | CompressedLz4 | KeyedHash | CompressedZstd | Compact;

    /// <summary>True in compact mode.</summary>
    public bool IsCompact => (IncompatibleFlags & Compact) != 0;

    /// <summary>Reads and checks the header from the file's first bytes.</summary>
    public static JournalHeader Read(ReadOnlySpan<byte> head, long fileLength)
    {
        if (head.Length < MinimumSize || !head[..8].SequenceEqual(Signature))
        {
            throw new JournalFormatException("not a journal file (no LPKSHHRH signature or header too short)");
        }
        var incompatible = BinaryPrimitives.ReadUInt32LittleEndian(head[12..]);
        var header = new JournalHeader(
            incompatible,
            BinaryPrimitives.ReadUInt64LittleEndian(head[88..]),
            BinaryPrimitives.ReadUInt64LittleEndian(head[96..]),
            BinaryPrimitives.ReadUInt64LittleEndian(head[152..]),
            BinaryPrimitives.ReadUInt64LittleEndian(head[176..]),
            Convert.ToHexStringLower(head.Slice(40, 16)));
        if ((incompatible & ~Known) != 0)
        {
            throw new JournalFormatException($"journal uses incompatible flags this reader does not know (0x{incompatible:x})");
        }
        if (header.HeaderSize < MinimumSize || header.HeaderSize > (ulong)fileLength)
        {
            throw new JournalFormatException($"journal header size {header.HeaderSize} out of bounds");
        }
        return header;
    }
}
