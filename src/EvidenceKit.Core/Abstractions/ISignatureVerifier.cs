namespace EvidenceKit.Core.Abstractions;

/// <summary>Checks a detached CMS signature and judges its signer against the verifier's trust policy.</summary>
public interface ISignatureVerifier
{
    /// <summary>
    /// Verifies <paramref name="signature"/> (detached CMS, DER) over <paramref name="content"/>.
    /// Never throws for malformed input: the result says what is wrong.
    /// </summary>
    SignatureVerification Verify(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, TrustPolicy policy);
}
