using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Verification;

/// <summary>Everything the verifier found about one bundle.</summary>
public sealed record VerificationReport
{
    /// <summary>The bundle directory as given.</summary>
    public required string BundlePath { get; init; }

    /// <summary>The overall judgement.</summary>
    public required Verdict Verdict { get; init; }

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

    /// <summary>True when the bag has no custody/manifest.json: a plain BagIt bag, judged by RFC 8493 alone.</summary>
    public bool PlainBag { get; init; }

    /// <summary>
    /// True when the verdict proves integrity only: the files match their manifest, but no signature says who made the
    /// bundle or when (an unsigned bundle or a plain bag).
    /// </summary>
    public bool IntegrityOnly => Verdict == Verdict.Valid && (PlainBag || !Signed);

    /// <summary>
    /// What the verdict proves and does not, in plain words every output shows next to the verdict: "plain BagIt bag,
    /// no custody manifest", or "unsigned: this proves the files match their manifest, not who collected them or when";
    /// null when there is nothing to qualify.
    /// </summary>
    public string? Statement => Partial || Verdict is Verdict.Error ? null
        : PlainBag ? VerificationStatements.PlainBag + (Verdict == Verdict.Valid ? "; " + VerificationStatements.Unsigned : "")
        : Signed ? null
        : Verdict == Verdict.Valid ? VerificationStatements.Unsigned
        : "unsigned";

    /// <summary>What was read and judged, for reports and exports; null when the bundle could not be read at all.</summary>
    public VerificationFacts? Facts { get; init; }
}
