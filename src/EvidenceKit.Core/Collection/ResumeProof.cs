using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Collection;

/// <summary>What re-proving one journalled copy gave: the record to keep, or why the file is copied again.</summary>
/// <param name="Kept">The record rebuilt from the source as it is now, when the copy is proven.</param>
/// <param name="Reason">Why it was not kept, when it was not.</param>
internal sealed record ResumeProof(FileRecord? Kept, string? Reason)
{
    public static ResumeProof Proven(FileRecord record) => new(record, null);

    public static ResumeProof NotProven(string reason) => new(null, reason);
}
