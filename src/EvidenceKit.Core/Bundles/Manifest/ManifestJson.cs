using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>
/// The one way manifest and event JSON is written and read: UTF-8 without BOM, camelCase, indented,
/// nulls left out; reading rejects duplicate keys and trailing junk. The signature covers the exact bytes,
/// so nothing is ever re-serialized before checking.
/// </summary>
public static class ManifestJson
{
    /// <summary>Options for writing.</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // What a collection writes has compile-time metadata (no serializer code compiled at run time); the rest, reflection.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ManifestWriteJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Options for reading untrusted input.</summary>
    public static JsonSerializerOptions ReadOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        MaxDepth = 32,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Serializes to UTF-8 bytes (no BOM) with a final newline.</summary>
    public static byte[] ToUtf8<T>(T value)
    {
        // Straight to UTF-8: a manifest of many thousand files is tens of megabytes, and a UTF-16 string of it
        // would double the collector's peak memory.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, WriteOptions);
        Array.Resize(ref bytes, bytes.Length + 1);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Parses untrusted UTF-8 bytes; throws <see cref="JsonException"/> on anything malformed, including duplicate keys.</summary>
    public static T FromUtf8<T>(ReadOnlySpan<byte> utf8)
    {
        return JsonSerializer.Deserialize<T>(utf8, ReadOptions)
            ?? throw new JsonException("The document is JSON null.");
    }
}
