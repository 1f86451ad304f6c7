using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Collection;

/// <summary>What became of one planned file: collected (a record) or not (a skip with the reason).</summary>
public sealed record FileOutcome(FileRecord? Collected, SkippedRecord? Skipped)
{
    /// <summary>A collected file.</summary>
    public static FileOutcome Ok(FileRecord record) => new(record, null);

    /// <summary>A file that could not be collected.</summary>
    public static FileOutcome Failed(SkippedRecord skipped) => new(null, skipped);
}
