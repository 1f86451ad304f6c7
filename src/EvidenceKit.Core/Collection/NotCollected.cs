using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Collection;

/// <summary>The one way a not-collected record is made: the path as raw bytes, the outcome typed, the reason in words.</summary>
internal static class NotCollected
{
    /// <summary>The record of <paramref name="hostPath"/>; <see cref="SkippedRecord.Failed"/> follows from the outcome.</summary>
    public static SkippedRecord Record(string hostPath, SkipOutcome outcome, string reason, string? target) => new()
    {
        Path = RawNames.Readable(hostPath),
        PathBase64 = RawNames.Base64IfRaw(hostPath),
        Reason = reason,
        Target = target,
        Failed = IsFailure(outcome),
        Outcome = outcome,
    };

    /// <summary>The record of a source read that failed.</summary>
    public static SkippedRecord Record(string hostPath, SourceFileException e, string? target) =>
        Record(hostPath, From(e.Fault), e.Reason, target);

    /// <summary>The outcome a source fault leads to.</summary>
    public static SkipOutcome From(SourceFault fault) => fault switch
    {
        SourceFault.PermissionDenied => SkipOutcome.PermissionDenied,
        SourceFault.Vanished => SkipOutcome.Vanished,
        SourceFault.NotRegular => SkipOutcome.NotRegular,
        SourceFault.TooLarge => SkipOutcome.TooLarge,
        SourceFault.Loop => SkipOutcome.Loop,
        SourceFault.NameTooLong => SkipOutcome.NameTooLong,
        SourceFault.NotDirectory => SkipOutcome.NotDirectory,
        _ => SkipOutcome.IoError,
    };

    /// <summary>True for a read or write that went wrong; false for what policy leaves out (special files, caps, time window).</summary>
    public static bool IsFailure(SkipOutcome outcome) => outcome is not (SkipOutcome.SpecialFile or SkipOutcome.SymbolicLink
        or SkipOutcome.OverMaxFileSize or SkipOutcome.OverMaxTotalSize or SkipOutcome.BeforeSince or SkipOutcome.AfterUntil);
}
