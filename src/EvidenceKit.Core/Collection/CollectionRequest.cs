using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Collection;

/// <summary>Everything a collection run needs besides the plan, bound once at the edge.</summary>
public sealed record CollectionRequest
{
    /// <summary>Analysis or prosecution.</summary>
    public required CollectionMode Mode { get; init; }

    /// <summary>The case.</summary>
    public required CaseRecord Case { get; init; }

    /// <summary>The examiner, when known (always in prosecution).</summary>
    public ExaminerRecord? Examiner { get; init; }

    /// <summary>The examiner's signer (prosecution).</summary>
    public ISigner? Signer { get; init; }

    /// <summary>A time-stamp authority for the manifest signature, when configured.</summary>
    public ITimestamper? Timestamper { get; init; }

    /// <summary>Seal without a timestamp when the authority cannot be reached.</summary>
    public bool TimestampOptional { get; init; }

    /// <summary>The host identity recorded in the manifest.</summary>
    public required HostRecord Host { get; init; }

    /// <summary>The tool's name, version, own hash and (redacted) command line.</summary>
    public required ToolRecord Tool { get; init; }

    /// <summary>Legacy hash algorithms to add ("sha1", "md5", "sha512").</summary>
    public IReadOnlyList<string> LegacyHashes { get; init; } = [];

    /// <summary>How many files are copied at once.</summary>
    public int Parallelism { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Start even if the target looks too small.</summary>
    public bool Force { get; init; }

    /// <summary>The cap on how many source bytes are read per second, across every worker (--max-rate); null for none.</summary>
    public long? MaxReadRate { get; init; }

    /// <summary>Source-Organization in bag-info.txt.</summary>
    public string? Organization { get; init; }
}
