namespace EvidenceKit.Core.Abstractions;

/// <summary>The outcome of checking one detached CMS signature.</summary>
/// <param name="SignatureValid">The signature is well-formed and matches the content.</param>
/// <param name="Trusted">The signer is trusted by the policy (chain to an anchor or a pinned fingerprint) and was valid at the validation time.</param>
/// <param name="Signer">The signer certificate, when one could be read.</param>
/// <param name="SigningTime">The signingTime signed attribute, when present (UTC).</param>
/// <param name="Detail">One exact sentence on what was found, e.g. "CMS message digest mismatch".</param>
public sealed record SignatureVerification(
    bool SignatureValid,
    bool Trusted,
    SignerIdentity? Signer,
    DateTimeOffset? SigningTime,
    string Detail);
