namespace EvidenceKit.Timeline.Formats.Journald;

/// <summary>One object read from a journal file: its type, its object flags (compression), and its bytes (header included).</summary>
internal readonly record struct JournalObject(byte Type, byte Flags, long Offset, byte[] Bytes)
{
    /// <summary>Object type of a field's data (<c>FIELD=value</c>).</summary>
    public const byte Data = 1;

    /// <summary>Object type of an entry (one log record: timestamps and the offsets of its data).</summary>
    public const byte Entry = 3;

    /// <summary>Object type of an entry array (offsets of entries, chained).</summary>
    public const byte EntryArray = 6;

    /// <summary>Every object starts with type (1 byte), flags (1), reserved (6) and size (8).</summary>
    public const int HeaderSize = 16;

    /// <summary>Object flag: the data payload is XZ-compressed.</summary>
    public const byte CompressedXz = 1;

    /// <summary>Object flag: the data payload is LZ4-compressed (a 64-bit uncompressed size, then one LZ4 block).</summary>
    public const byte CompressedLz4 = 2;

    /// <summary>Object flag: the data payload is a Zstandard frame.</summary>
    public const byte CompressedZstd = 4;
}
