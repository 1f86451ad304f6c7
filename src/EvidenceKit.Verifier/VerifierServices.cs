using EvidenceKit.Core.Abstractions;
using EvidenceKit.Signing.Cms;
using EvidenceKit.Signing.Trust;

namespace EvidenceKit.Verifier;

/// <summary>The real implementations behind the verifier's ports: CMS verification and trust anchor loading.</summary>
internal static class VerifierServices
{
    public static ISignatureVerifier CreateSignatureVerifier() => new CmsSignatureVerifier(TimeProvider.System);

    /// <exception cref="InvalidDataException">A path is missing or holds no certificate.</exception>
    public static IReadOnlyList<byte[]> LoadTrustAnchors(IEnumerable<string> paths)
    {
        try
        {
            return TrustAnchors.Load(paths);
        }
        catch (TrustAnchorException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }
}
