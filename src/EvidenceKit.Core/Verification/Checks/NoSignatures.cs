using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>For steps that never check a signature (a partial bundle's): any call says so rather than pass.</summary>
internal sealed class NoSignatures : ISignatureVerifier
{
    public static readonly NoSignatures Instance = new();

    public SignatureVerification Verify(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, TrustPolicy policy) =>
        new(false, false, null, null, "no signature checker in this step");
}
