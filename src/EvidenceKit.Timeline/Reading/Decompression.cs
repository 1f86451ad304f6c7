using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using ZstdSharp;

namespace EvidenceKit.Timeline.Reading;

/// <summary>
/// Opens an evidence file's content decompressed, judged by its first bytes (not its name, which the source host chose):
/// gzip, xz, zstd and bzip2 are expanded, anything else is read as it is. The expanded content is bounded by
/// <see cref="BoundedReadStream"/>.
/// </summary>
internal static class Decompression
{
    /// <summary>The compression found: <c>gzip</c>, <c>xz</c>, <c>zstd</c>, <c>bzip2</c>, or null for none.</summary>
    public static string? Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x1f, 0x8b, ..] => "gzip",
        [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, ..] => "xz",
        [0x28, 0xb5, 0x2f, 0xfd, ..] => "zstd",
        [0x42, 0x5a, 0x68, >= (byte)'1' and <= (byte)'9', ..] => "bzip2",
        _ => null,
    };

    /// <summary>
    /// Wraps <paramref name="raw"/> (positioned at its start; <paramref name="head"/> is its first bytes, already read and
    /// to be replayed) in the decompressor its magic bytes name, then in the size bound.
    /// </summary>
    public static (Stream Content, string? Compression) Open(Stream raw, byte[] head, long maxDecompressedBytes)
    {
        var replay = new ReplayStream(head, raw);
        var compression = Detect(head);
        Stream content = compression switch
        {
            "gzip" => new GZipStream(replay, System.IO.Compression.CompressionMode.Decompress),
            "xz" => new XZStream(replay),
            "zstd" => new DecompressionStream(replay),
            "bzip2" => BZip2Stream.Create(replay, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true),
            _ => replay,
        };
        return (new BoundedReadStream(content, maxDecompressedBytes), compression);
    }
}
