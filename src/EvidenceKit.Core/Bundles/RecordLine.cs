using System.Text.Json;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// One record as it goes into custody/files.jsonl: its line (<see cref="FileRecordLines.ToLine"/>, LF included) and the
/// three fields the payload manifest and Payload-Oxum need. The seal writes the line's bytes as they are, so a record
/// read back from the journal is neither parsed whole nor serialized again.
/// </summary>
/// <param name="Line">The record's line, LF included.</param>
/// <param name="Sha256">The file's SHA-256 (lower-case hex).</param>
/// <param name="BagPath">Where the file is in the bag ("data/...").</param>
/// <param name="Size">The bytes collected.</param>
public readonly record struct RecordLine(byte[] Line, string Sha256, string BagPath, long Size)
{
    /// <summary>The line of <paramref name="record"/>.</summary>
    public static RecordLine From(FileRecord record) =>
        new(FileRecordLines.ToLine(record), record.Sha256, record.BagPath, record.Size);

    /// <summary>
    /// Takes the three fields from the top level of a line this run serialized itself (the caller has matched its
    /// fingerprint); <paramref name="line"/> is without its LF.
    /// </summary>
    /// <exception cref="JsonException">The line is not one JSON object holding the three fields.</exception>
    public static RecordLine FromOwnLine(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A record line is not a JSON object.");
        }
        string? sha256 = null, bagPath = null;
        long? size = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSha = reader.ValueTextEquals("sha256"u8);
            var isPath = reader.ValueTextEquals("bagPath"u8);
            var isSize = reader.ValueTextEquals("size"u8);
            reader.Read();
            if (isSha)
            {
                sha256 = reader.GetString();
            }
            else if (isPath)
            {
                bagPath = reader.GetString();
            }
            else if (isSize)
            {
                size = reader.GetInt64();
            }
            else
            {
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || sha256 is null || bagPath is null || size is null)
        {
            throw new JsonException("A record line lacks its sha256, bagPath or size.");
        }
        return new RecordLine([.. line, (byte)'\n'], sha256, bagPath, size.Value);
    }
}
