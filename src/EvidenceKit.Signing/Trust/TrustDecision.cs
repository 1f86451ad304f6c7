namespace EvidenceKit.Signing.Trust;

/// <summary>Whether a certificate is trusted by a policy, and why in one phrase.</summary>
/// <param name="Trusted">True when the policy trusts the certificate.</param>
/// <param name="Reason">Why, e.g. "signer chains to trust anchor CN=Root".</param>
internal sealed record TrustDecision(bool Trusted, string Reason);
