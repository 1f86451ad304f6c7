using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Verification;

/// <summary>What the person verifying trusts and requires, and the limits that keep hostile input harmless.</summary>
public sealed record VerificationOptions
{
    /// <summary>Trusted anchors and pinned fingerprints; never taken from the bundle.</summary>
    public TrustPolicy Trust { get; init; } = TrustPolicy.None;

    /// <summary>Time-stamp authorities trusted for RFC 3161 tokens (--tsa-trust); separate from <see cref="Trust"/>.</summary>
    public TrustPolicy TsaTrust { get; init; } = TrustPolicy.None;

    /// <summary>When true, an unsigned (analysis) bundle is UNTRUSTED rather than VALID.</summary>
    public bool RequireSignature { get; init; }

    /// <summary>How many files are hashed at once.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
