using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// The one-line form of a <see cref="FileRecord"/>, shared by the journal and custody/files.jsonl: compact JSON (no
/// indentation, so no line break inside a record), UTF-8, ended by a single LF.
/// </summary>
public static class FileRecordLines
{
    /// <summary>Options for one-line records: those of the manifest (compile-time metadata included), not indented.</summary>
    public static JsonSerializerOptions LineOptions { get; } = new(ManifestJson.WriteOptions) { WriteIndented = false };

    private static readonly JsonTypeInfo<FileRecord> RecordInfo = (JsonTypeInfo<FileRecord>)LineOptions.GetTypeInfo(typeof(FileRecord));

    /// <summary>The record as one line, LF included.</summary>
    public static byte[] ToLine(FileRecord record)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, RecordInfo);
        Array.Resize(ref line, line.Length + 1);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Parses one line (without its LF); throws <see cref="JsonException"/> when it is not one record.</summary>
    /// <remarks>A line of the plain shape a collector writes is read without reflection (<see cref="FileRecordFastReader"/>);
    /// any other is read, and accepted or refused, by the reflection reader with <see cref="ManifestJson.ReadOptions"/>.</remarks>
    public static FileRecord Parse(ReadOnlySpan<byte> line) =>
        FileRecordFastReader.TryRead(line)
        ?? JsonSerializer.Deserialize<FileRecord>(line, ManifestJson.ReadOptions)
        ?? throw new JsonException("The record is JSON null.");

    /// <summary>A 128-bit fingerprint of a line's bytes (without its LF): the first half of its SHA-256.</summary>
    public static UInt128 Fingerprint(ReadOnlySpan<byte> line)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(line, hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
