using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Signing.Cms;
using EvidenceKit.Signing.Keys;
using EvidenceKit.Signing.Trust;

namespace EvidenceKit.Verifier;

/// <summary>The real implementations behind the verifier's ports: CMS verification, RFC 3161, trust anchors and keys.</summary>
internal static class VerifierServices
{
    public static ISignatureVerifier CreateSignatureVerifier() => new CmsSignatureVerifier(TimeProvider.System);

    /// <summary>The RFC 3161 token checker, or null while this build has none.</summary>
    public static ITimestampVerifier? CreateTimestampVerifier() => TimestampServices.CreateVerifier();

    /// <summary>An RFC 3161 client for <paramref name="url"/>.</summary>
    /// <exception cref="InvalidDataException">The URL is unusable or this build has no RFC 3161 client.</exception>
    public static ITimestamper CreateTimestamper(string url) => TimestampServices.CreateTimestamper(url);

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

    /// <summary>Loads an actor's PKCS#12 key, ready to sign now.</summary>
    /// <exception cref="InvalidDataException">The file, passphrase, key or certificate is not usable; the message says why.</exception>
    public static ISigner LoadKey(string path, string passphrase)
    {
        try
        {
            return Pkcs12KeyLoader.Load(path, passphrase, TimeProvider.System).Signer;
        }
        catch (KeyException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }
}
