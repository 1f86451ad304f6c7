namespace EvidenceKit.Core.Abstractions;

/// <summary>
/// What the person verifying trusts. Trust never comes from the bundle: a certificate inside a bundle
/// is only trusted when it chains to one of <see cref="TrustedCertificates"/> or matches a pinned fingerprint.
/// </summary>
/// <param name="TrustedCertificates">Trust anchors (DER): roots, intermediate CAs or examiner certificates.</param>
/// <param name="PinnedFingerprints">SHA-256 fingerprints (hex, any case, colons allowed) of trusted signer certificates.</param>
/// <param name="ValidationTime">The time at which certificate validity is judged; null means now.</param>
public sealed record TrustPolicy(
    IReadOnlyList<byte[]> TrustedCertificates,
    IReadOnlyList<string> PinnedFingerprints,
    DateTimeOffset? ValidationTime = null)
{
    /// <summary>A policy that trusts nobody: signatures can still be checked for integrity.</summary>
    public static TrustPolicy None { get; } = new([], []);

    /// <summary>True when the policy names at least one anchor or pin.</summary>
    public bool IsEmpty => TrustedCertificates.Count == 0 && PinnedFingerprints.Count == 0;
}
