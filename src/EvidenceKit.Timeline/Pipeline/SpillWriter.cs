using System.Buffers.Binary;
using System.Text;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// Writes one event in the spill format into a reusable byte buffer, as <see cref="BinaryWriter"/> would (little-endian
/// numbers; strings as a 7-bit byte length and UTF-8, a lone surrogate written as U+FFFD), encoding each string once.
/// </summary>
internal sealed class SpillWriter
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private byte[] _bytes = new byte[1024];
    private int _length;

    /// <summary>The bytes written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public void Write(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Room(8), value);
        _length += 8;
    }

    public void Write(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Room(4), value);
        _length += 4;
    }

    public void Write(byte value)
    {
        Room(1)[0] = value;
        _length++;
    }

    public void Write(string value)
    {
        // Encoded after room for the longest length prefix, then moved back to follow the prefix it needs.
        var room = Room(5 + Utf8.GetMaxByteCount(value.Length));
        var count = Utf8.GetBytes(value, room[5..]);
        var prefix = 0;
        for (var rest = (uint)count; ; rest >>= 7)
        {
            room[prefix++] = (byte)(rest < 0x80 ? rest : (rest & 0x7F) | 0x80);
            if (rest < 0x80)
            {
                break;
            }
        }
        if (prefix < 5)
        {
            room.Slice(5, count).CopyTo(room[prefix..]);
        }
        _length += prefix + count;
    }

    private Span<byte> Room(int count)
    {
        if (_bytes.Length - _length < count)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max((long)_bytes.Length * 2, (long)_length + count)));
        }
        return _bytes.AsSpan(_length);
    }
}
