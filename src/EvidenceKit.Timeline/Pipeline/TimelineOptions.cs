using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>How a timeline is built: the time window, what to keep, and the bounds that keep it safe and small.</summary>
internal sealed record TimelineOptions
{
    /// <summary>How bag files are opened (the Linux adapter: regular files only, no link followed); given by the executable.</summary>
    public required IBagFilesFactory BagFiles { get; init; }

    /// <summary>Events before this instant are left out (counted in the summary).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Events after this instant are left out (counted in the summary).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Keep lines no parser could read as raw events.</summary>
    public bool IncludeUnparsed { get; init; }

    /// <summary>Apply the host clock offset recorded in the manifest.</summary>
    public bool CorrectClock { get; init; }

    /// <summary>The most bytes one compressed file may expand to before it is named in the summary and left.</summary>
    public long MaxDecompressedBytes { get; init; } = 64L * 1024 * 1024 * 1024;

    /// <summary>The bytes of serialized events held in memory before they are sorted and spilled to disk as one run.</summary>
    public long RunBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Files parsed at once.</summary>
    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Where the private temporary directory for sorted runs is made (the system's temp directory by default).</summary>
    public string? TempRoot { get; init; }

    /// <summary>True when <paramref name="time"/> is inside the window.</summary>
    public bool InWindow(DateTimeOffset time) => (Since is null || time >= Since) && (Until is null || time <= Until);
}
