namespace EvidenceKit.Signing.Cms;

/// <summary>
/// The exact <see cref="EvidenceKit.Core.Abstractions.SignatureVerification.Detail"/> sentences for signatures that fail.
/// Valid signatures get "CMS signature valid; " followed by the trust decision.
/// </summary>
public static class SignatureDetails
{
    /// <summary>No signature bytes at all.</summary>
    public const string Empty = "signature is empty";

    /// <summary>The bytes are not one complete DER (or BER) CMS ContentInfo.</summary>
    public const string NotDerCms = "signature is not valid DER CMS";

    /// <summary>A ContentInfo of another type (enveloped data, ...).</summary>
    public const string NotSignedData = "CMS content type is not SignedData";

    /// <summary>The SignedData carries the content instead of being detached.</summary>
    public const string NotDetached = "CMS signature is not detached";

    /// <summary>No SignerInfo.</summary>
    public const string NoSigner = "CMS signature has no signer";

    /// <summary>More than one SignerInfo.</summary>
    public const string SeveralSigners = "CMS signature has more than one signer";

    /// <summary>The digest (or signature) algorithm is MD5, SHA-1 or unknown.</summary>
    public const string WeakDigest = "CMS digest algorithm is not accepted (only SHA-256, SHA-384 and SHA-512 are)";

    /// <summary>No signed attributes: nothing binds signing time and certificate.</summary>
    public const string NoSignedAttributes = "CMS signature has no signed attributes";

    /// <summary>The messageDigest signed attribute is missing.</summary>
    public const string NoMessageDigest = "CMS signed attributes lack messageDigest";

    /// <summary>The contentType signed attribute is missing or differs from the content type.</summary>
    public const string BadContentType = "CMS contentType attribute is missing or wrong";

    /// <summary>The content's digest differs from the signed messageDigest: the content was changed.</summary>
    public const string DigestMismatch = "CMS message digest mismatch";

    /// <summary>The signer certificate is neither in the CMS nor among the anchors.</summary>
    public const string NoSignerCertificate = "CMS signature does not include the signer certificate";

    /// <summary>The signature value does not verify with the signer's public key.</summary>
    public const string BadSignature = "CMS signature value does not verify with the signer certificate";

    /// <summary>The signingCertificateV2 attribute names another certificate.</summary>
    public const string SigningCertificateMismatch = "CMS signingCertificateV2 does not match the signer certificate";

    /// <summary>The prefix of every valid signature's detail.</summary>
    public const string ValidPrefix = "CMS signature valid; ";
}
