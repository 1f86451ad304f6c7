using System.Buffers.Binary;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// Reads the spill format back from one run (what <see cref="BinaryWriter"/> wrote: little-endian numbers, strings as a
/// 7-bit length and UTF-8). Strings are read whole and decoded once through <paramref name="strings"/>, shared by the
/// readers of one merge, so that short repeated texts are not made again per event.
/// </summary>
internal sealed class SpillReader(Stream stream, SpillStrings strings) : IDisposable
{
    public Stream Stream => stream;

    public long ReadInt64()
    {
        Span<byte> bytes = stackalloc byte[8];
        stream.ReadExactly(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    public int ReadInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        stream.ReadExactly(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    public byte ReadByte()
    {
        var b = stream.ReadByte();
        return b < 0 ? throw new EndOfStreamException() : (byte)b;
    }

    /// <summary>A string (a short one shared with earlier equal ones).</summary>
    public string ReadString() => strings.Read(stream, Read7BitLength());

    private int Read7BitLength()
    {
        var value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value >= 0 ? value : throw new InvalidDataException("A spilled string's length is out of range.");
            }
        }
        throw new InvalidDataException("A spilled string's length is malformed.");
    }

    public void Dispose() => stream.Dispose();
}
