using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Verification.Records;

/// <summary>
/// What the one pass over the custody records (<see cref="RecordsPass"/>) found, kept for the checks that report it:
/// findings in words (capped), the first records for the reports, and the split files, whose parts are hashed later.
/// No record is kept beyond these.
/// </summary>
internal sealed class RecordFindings
{
    /// <summary>Records shown in reports and exports at most; the counts cover all.</summary>
    public const int SampleSize = 1000;

    /// <summary>Split-file records kept for hashing their parts; more is a finding.</summary>
    public const int MaxSplitRecords = 10_000;

    /// <summary>Where the records are, for findings: custody/manifest.json (v1, v2) or custody/files.jsonl (v3).</summary>
    public required string Source { get; init; }

    public long Count { get; set; }

    public long PayloadBytes { get; set; }

    public List<FileRecord> Sample { get; } = [];

    /// <summary>Records that are not records, and problems of the records file itself (custody-manifest).</summary>
    public CappedFindings Malformed { get; } = new();

    /// <summary>Record paths that could escape the bag (safe-paths).</summary>
    public CappedFindings UnsafePaths { get; } = new();

    /// <summary>Paths two records list (duplicate-entries).</summary>
    public CappedFindings Duplicates { get; } = new();

    /// <summary>Records and payload manifest lines that disagree (custody-manifest-files).</summary>
    public CappedFindings Disagreements { get; } = new();

    /// <summary>Record sizes that are not the file's size, by bag path (payload-files).</summary>
    public Dictionary<string, string> SizeProblems { get; } = new(StringComparer.Ordinal);

    /// <summary>True when custody/files.jsonl was refused unread (wrong length, kind or count): it is then not hashed either.</summary>
    public bool RecordsFileRefused { get; set; }

    /// <summary>The SHA-256 of custody/files.jsonl as read whole for the records (<see cref="RecordsFileReader.Sha256"/>), or null.</summary>
    public string? RecordsFileSha256 { get; set; }

    /// <summary>True when the payload manifest could be compared with the records.</summary>
    public bool Compared { get; set; }

    /// <summary>Split files (records with parts), with the label findings use.</summary>
    public List<(long Index, string Where, FileRecord Record)> Split { get; } = [];
}
