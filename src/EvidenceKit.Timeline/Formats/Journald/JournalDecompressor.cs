using System.Buffers.Binary;
using K4os.Compression.LZ4;
using SharpCompress.Compressors.Xz;
using ZstdSharp;

namespace EvidenceKit.Timeline.Formats.Journald;

/// <summary>
/// Inflates a compressed data payload, never past <see cref="MaxBytes"/>: journald writes XZ as an .xz stream,
/// LZ4 as a little-endian 64-bit uncompressed size followed by one LZ4 block, and Zstandard as one frame.
/// </summary>
internal static class JournalDecompressor
{
    /// <summary>The largest inflated field accepted (16 MiB); a bomb beyond it is refused.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Inflates <paramref name="payload"/> per the object's compression flag; uncompressed payloads are returned as they are.</summary>
    public static byte[] Inflate(byte flags, byte[] payload)
    {
        if ((flags & JournalObject.CompressedZstd) != 0)
        {
            using var zstd = new DecompressionStream(new MemoryStream(payload));
            return ReadCapped(zstd);
        }
        if ((flags & JournalObject.CompressedXz) != 0)
        {
            using var xz = new XZStream(new MemoryStream(payload));
            return ReadCapped(xz);
        }
        if ((flags & JournalObject.CompressedLz4) != 0)
        {
            return InflateLz4(payload);
        }
        return payload;
    }

    private static byte[] InflateLz4(byte[] payload)
    {
        if (payload.Length < 8)
        {
            throw new JournalFormatException("LZ4 payload shorter than its size prefix");
        }
        var size = BinaryPrimitives.ReadUInt64LittleEndian(payload);
        if (size > MaxBytes)
        {
            throw new JournalFormatException($"LZ4 field claims {size} bytes, over the {MaxBytes}-byte cap");
        }
        var output = new byte[size];
        var decoded = LZ4Codec.Decode(payload, 8, payload.Length - 8, output, 0, output.Length);
        if (decoded != output.Length)
        {
            throw new JournalFormatException("LZ4 block does not inflate to its recorded size");
        }
        return output;
    }

    private static byte[] ReadCapped(Stream stream)
    {
        using var output = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = stream.Read(buffer, 0, buffer.Length);
            if (read == 0)
            {
                return output.ToArray();
            }
            if (output.Length + read > MaxBytes)
            {
                throw new JournalFormatException($"compressed field inflates past the {MaxBytes}-byte cap");
            }
            output.Write(buffer, 0, read);
        }
    }
}
