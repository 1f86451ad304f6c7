namespace EvidenceKit.Core.Collection;

/// <summary>What narrows a plan.</summary>
public sealed record PlanningOptions
{
    /// <summary>Files last modified before this are left out (a file modified after may hold earlier entries, so it stays).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>
    /// End of the time window. A file modified after it may still hold entries from inside the window, so the only
    /// files it leaves out are those created (birth time, where the kernel reports it) after it.
    /// </summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Largest file taken, whatever the profile says; null for the profile's own caps.</summary>
    public long? MaxFileSize { get; init; }

    /// <summary>Cap on the whole collection: newest files first; the rest are listed as excluded.</summary>
    public long? MaxTotalSize { get; init; }

    /// <summary>Directories on this machine never collected from (the target itself, when it sits under the source root).</summary>
    public IReadOnlyList<string> NeverCollect { get; init; } = [];
}
