using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Verifier;

/// <summary>The real implementations behind the verifier's ports: CMS verification and trust anchor loading.</summary>
internal static class VerifierServices
{
    public static ISignatureVerifier CreateSignatureVerifier() => new UnavailableSignatureVerifier();

    public static IReadOnlyList<byte[]> LoadTrustAnchors(IEnumerable<string> paths) =>
        throw new InvalidDataException("loading trust anchors needs EvidenceKit.Signing, which this build does not have yet");

    private sealed class UnavailableSignatureVerifier : ISignatureVerifier
    {
        public SignatureVerification Verify(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, TrustPolicy policy) =>
            new(false, false, null, null, "CMS verification is not in this build yet (EvidenceKit.Signing)");
    }
}
