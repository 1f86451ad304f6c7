using System.Text.Json.Serialization;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// Compile-time JSON metadata for <see cref="FileRecord"/>, the one record written per collected file. Measured: with
/// reflection metadata, the precompiled collector still compiled about 390 serializer methods and property accessors
/// at run time (a fixed cost in every run) and paid reflection's indirections on every record. The bytes are those of
/// <see cref="ManifestJson.WriteOptions"/> (the options passed at run time decide naming, nulls and escaping), which a
/// test holds them to.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FileRecord))]
internal sealed partial class FileRecordJsonContext : JsonSerializerContext;
