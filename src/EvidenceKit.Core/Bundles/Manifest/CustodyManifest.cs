using System.Text.Json.Serialization;

namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>
/// The custody manifest, <c>custody/manifest.json</c>: what was collected, from where, when, how and by whom,
/// with the hash of every file. In prosecution mode its exact bytes are signed.
/// </summary>
public sealed record CustodyManifest
{
    /// <summary>
    /// The schema identifier this document follows. v3: the per-file records are not in this document but in
    /// custody/files.jsonl, one a line, bound here by its SHA-256, length and count (<see cref="Records"/>), so the
    /// manifest stays small and both sides stream the records.
    /// </summary>
    public const string CurrentSchema = SchemaV3;

    /// <summary>Records in custody/files.jsonl, bound by <see cref="Records"/>.</summary>
    public const string SchemaV3 = "https://evidencekit.dev/schema/custody-manifest/v3";

    /// <summary>
    /// Every tag file is covered by a signature (VERIFY.txt and the manifest's timestamp are linked by the signed sealed
    /// event 000001); the records are inline in <c>files</c>.
    /// </summary>
    public const string SchemaV2 = "https://evidencekit.dev/schema/custody-manifest/v2";

    /// <summary>The schema before v2: VERIFY.txt and manifest.json.p7s.tsr were written after signing and are not covered.</summary>
    public const string SchemaV1 = "https://evidencekit.dev/schema/custody-manifest/v1";

    /// <summary>Versioned schema identifier.</summary>
    public string Schema { get; init; } = CurrentSchema;

    /// <summary>Unique id of this bundle.</summary>
    public required Guid BundleId { get; init; }

    /// <summary>"analysis" or "prosecution".</summary>
    public required string Mode { get; init; }

    /// <summary>The case the evidence belongs to.</summary>
    public required CaseRecord Case { get; init; }

    /// <summary>The examiner who signed (prosecution), or who ran the collection when known.</summary>
    public ExaminerRecord? Examiner { get; init; }

    /// <summary>The machine collected from.</summary>
    public required HostRecord Host { get; init; }

    /// <summary>The tool that collected.</summary>
    public required ToolRecord Tool { get; init; }

    /// <summary>The profiles used, with their full text.</summary>
    public required ProfileRecord Profile { get; init; }

    /// <summary>When collection started (UTC, ISO 8601).</summary>
    public required string Started { get; init; }

    /// <summary>When collection finished (UTC, ISO 8601).</summary>
    public required string Finished { get; init; }

    /// <summary>Where the bundle was written.</summary>
    public required TargetRecord Target { get; init; }

    /// <summary>Hash algorithms present per file; "sha256" is always first and is the one that counts.</summary>
    public required IReadOnlyList<string> HashAlgorithms { get; init; }

    /// <summary>Hashes of the BagIt tag files and the acquisition log, written before this manifest.</summary>
    public required BagRecord Bag { get; init; }

    /// <summary>
    /// Every collected file, inline (schema v1 and v2). Empty in a v3 manifest as written, whose records are in
    /// <see cref="Records"/>; the verifier fills in the first records it read there, for the reports.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<FileRecord> Files { get; init; } = [];

    /// <summary>The inline records as the JSON holds them: absent in v3, so a reader can tell "none" from "elsewhere".</summary>
    [JsonInclude]
    [JsonPropertyName("files")]
    internal IReadOnlyList<FileRecord>? InlineFiles
    {
        get => Records is null ? Files : null;
        init
        {
            Files = value ?? [];
            HasInlineFiles = value is not null;
        }
    }

    /// <summary>True when the JSON read held a <c>files</c> array (v1, v2; never in a genuine v3 manifest).</summary>
    [JsonIgnore]
    public bool HasInlineFiles { get; private init; }

    /// <summary>Schema v3: the records file and what binds it; null in v1 and v2.</summary>
    public RecordsFileRecord? Records { get; init; }

    /// <summary>Every file the plan named that was not collected, with the reason.</summary>
    public IReadOnlyList<SkippedRecord> Skipped { get; init; } = [];

    /// <summary>Files left out on purpose (time window, size caps, symbolic links), with the rule that left them out.</summary>
    public IReadOnlyList<SkippedRecord> Excluded { get; init; } = [];

    /// <summary>Profile targets that matched nothing on this host.</summary>
    public IReadOnlyList<EmptyTargetRecord> EmptyTargets { get; init; } = [];

    /// <summary>Notes about the run itself, e.g. that it was interrupted and resumed.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
