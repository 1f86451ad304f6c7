using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Verification;

/// <summary>Everything the verifier found about one bundle.</summary>
public sealed record VerificationReport
{
    /// <summary>The bundle directory as given.</summary>
    public required string BundlePath { get; init; }

    /// <summary>The overall judgement.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>0 VALID, 1 INVALID, 2 ERROR, 3 UNTRUSTED or INCOMPLETE.</summary>
    public int ExitCode => Verdict switch
    {
        Verdict.Valid => 0,
        Verdict.Invalid => 1,
        Verdict.Error => 2,
        _ => 3,
    };

    /// <summary>Every check, in the order run.</summary>
    public required IReadOnlyList<CheckResult> Checks { get; init; }

    /// <summary>How much was checked and how long it took.</summary>
    public required VerificationFigures Figures { get; init; }

    /// <summary>"analysis" or "prosecution" as manifest.json says, when it could be read.</summary>
    public string? Mode { get; init; }

    /// <summary>True when custody/manifest.json.p7s exists.</summary>
    public bool Signed { get; init; }

    /// <summary>The signer certificate, when the signature could be read.</summary>
    public SignerIdentity? Signer { get; init; }

    /// <summary>The signed signingTime, when present.</summary>
    public DateTimeOffset? SigningTime { get; init; }

    /// <summary>True for a .partial bundle.</summary>
    public bool Partial { get; init; }

    /// <summary>For a .partial bundle: the bag paths journal.jsonl lists as finished.</summary>
    public IReadOnlyList<string> FinishedFiles { get; init; } = [];
}
