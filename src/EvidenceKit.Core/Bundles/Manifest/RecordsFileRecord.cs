namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>
/// Schema v3: where the per-file records are (custody/files.jsonl, one compact <see cref="FileRecord"/> a line) and
/// what binds them to the signed manifest: the SHA-256 and length of that file's exact bytes, and how many records
/// and payload bytes it holds.
/// </summary>
public sealed record RecordsFileRecord
{
    /// <summary>The records file, relative to the bag root: always <see cref="BundleLayout.FileRecords"/>.</summary>
    public required string Path { get; init; }

    /// <summary>SHA-256 of the records file's exact bytes (lower-case hex).</summary>
    public required string Sha256 { get; init; }

    /// <summary>Length of the records file in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>How many records (lines) it holds: one a collected file.</summary>
    public required long Count { get; init; }

    /// <summary>The sum of the records' sizes: the payload bytes collected.</summary>
    public required long PayloadBytes { get; init; }
}
