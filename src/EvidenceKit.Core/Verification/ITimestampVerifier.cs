using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Verification;

/// <summary>Checks an RFC 3161 time-stamp token and judges its authority against the verifier's TSA trust policy.</summary>
public interface ITimestampVerifier
{
    /// <summary>
    /// Verifies <paramref name="token"/> (a DER TimeStampToken, or a TimeStampResp holding one) as a token over
    /// <paramref name="timestampedData"/>: status, SHA-256 imprint, the authority's signature, and its certificate's
    /// timeStamping extended key usage and trust under <paramref name="tsaTrust"/>. Never throws for malformed input.
    /// </summary>
    TimestampVerification Verify(ReadOnlySpan<byte> token, ReadOnlySpan<byte> timestampedData, TrustPolicy tsaTrust);
}
