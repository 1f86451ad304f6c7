using EvidenceKit.Core.Abstractions;
using EvidenceKit.Signing.Certificates;
using EvidenceKit.Signing.Trust;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using Org.BouncyCastle.X509;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using Time = Org.BouncyCastle.Asn1.Cms.Time;

namespace EvidenceKit.Signing.Cms;

/// <summary>
/// Verifies detached CMS signatures (DER) and judges the signer only by the verifier's <see cref="TrustPolicy"/>.
/// Never throws for malformed input; the result's detail is one of <see cref="SignatureDetails"/>.
/// </summary>
/// <param name="time">The verifier's "now", at which certificates are judged unless the policy names a time.</param>
public sealed class CmsSignatureVerifier(TimeProvider time) : ISignatureVerifier
{
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <inheritdoc />
    public SignatureVerification Verify(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, TrustPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var (contentBytes, signatureBytes) = (content.ToArray(), signature.ToArray());
        return MalformedInput.Judge(() => VerifyOrThrow(contentBytes, signatureBytes, policy), () => Invalid(SignatureDetails.NotDerCms));
    }

    private SignatureVerification VerifyOrThrow(byte[] content, byte[] signature, TrustPolicy policy)
    {
        if (signature.Length == 0)
        {
            return Invalid(SignatureDetails.Empty);
        }

        var parsed = CmsParsing.ReadSingleObject(signature);
        if (parsed is null)
        {
            return Invalid(SignatureDetails.NotDerCms);
        }

        var contentInfo = ContentInfo.GetInstance(parsed);
        if (!CmsObjectIdentifiers.SignedData.Equals(contentInfo.ContentType))
        {
            return Invalid(SignatureDetails.NotSignedData);
        }

        var signedData = SignedData.GetInstance(contentInfo.Content);
        if (signedData.EncapContentInfo.Content is not null)
        {
            return Invalid(SignatureDetails.NotDetached);
        }

        var cms = new CmsSignedData(new CmsProcessableByteArray(content), contentInfo);
        var signers = cms.GetSignerInfos().GetSigners();
        if (signers.Count == 0)
        {
            return Invalid(SignatureDetails.NoSigner);
        }

        if (signers.Count > 1)
        {
            return Invalid(SignatureDetails.SeveralSigners);
        }

        var signer = signers.First();
        if (!CmsParsing.IsStrongDigest(signer.DigestAlgorithmID.Algorithm.Id) || CmsParsing.IsWeakSignatureAlgorithm(signer.SignatureAlgorithm.Algorithm.Id))
        {
            return Invalid(SignatureDetails.WeakDigest);
        }

        var attributes = signer.SignedAttributes;
        if (attributes is null)
        {
            return Invalid(SignatureDetails.NoSignedAttributes);
        }

        var messageDigest = CmsParsing.SingleValue(attributes, CmsAttributes.MessageDigest);
        if (messageDigest is null)
        {
            return Invalid(SignatureDetails.NoMessageDigest);
        }

        var contentType = CmsParsing.SingleValue(attributes, CmsAttributes.ContentType);
        if (contentType is null || !contentType.Equals(signedData.EncapContentInfo.ContentType))
        {
            return Invalid(SignatureDetails.BadContentType);
        }

        var expected = Asn1OctetString.GetInstance(messageDigest).GetOctets();
        var actual = DigestUtilities.CalculateDigest(signer.DigestAlgorithmID.Algorithm.Id, content);
        if (!Arrays.FixedTimeEquals(expected, actual))
        {
            return Invalid(SignatureDetails.DigestMismatch);
        }

        var carried = cms.GetCertificates().EnumerateMatches(null).ToList();
        var anchors = policy.TrustedCertificates.Select(der => CertificateFacts.TryParse(der)).OfType<X509Certificate>();
        var certificate = carried.Concat(anchors).FirstOrDefault(c => signer.SignerID.Match(c));
        if (certificate is null)
        {
            return Invalid(SignatureDetails.NoSignerCertificate);
        }

        var identity = CertificateFacts.Identity(certificate);
        if (!VerifiesWith(signer, certificate))
        {
            return Invalid(SignatureDetails.BadSignature, identity);
        }

        if (!SigningCertificateMatches(attributes, certificate))
        {
            return Invalid(SignatureDetails.SigningCertificateMismatch, identity);
        }

        var signingTime = CmsParsing.SingleValue(attributes, CmsAttributes.SigningTime) is { } time
            ? CertificateFacts.Utc(Time.GetInstance(time).ToDateTime())
            : (DateTimeOffset?)null;

        var at = policy.ValidationTime ?? _time.GetUtcNow();
        var decision = TrustEvaluator.Evaluate(certificate, carried, policy, at, RequiredUsage.DigitalSignature, "signer");
        return new SignatureVerification(true, decision.Trusted, identity, signingTime, SignatureDetails.ValidPrefix + decision.Reason);
    }

    private static bool VerifiesWith(SignerInformation signer, X509Certificate certificate)
    {
        try
        {
            // The public key, not the certificate: certificate validity is a trust question, judged at the policy's time.
            return signer.Verify(certificate.GetPublicKey());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static bool SigningCertificateMatches(Org.BouncyCastle.Asn1.Cms.AttributeTable attributes, X509Certificate certificate)
    {
        var value = CmsParsing.SingleValue(attributes, PkcsObjectIdentifiers.IdAASigningCertificateV2);
        if (value is null)
        {
            return true;
        }

        var first = SigningCertificateV2.GetInstance(value).GetCerts().FirstOrDefault();
        if (first is null)
        {
            return false;
        }

        var algorithm = first.HashAlgorithm?.Algorithm ?? NistObjectIdentifiers.IdSha256;
        var hash = DigestUtilities.CalculateDigest(algorithm, certificate.GetEncoded());
        return Arrays.FixedTimeEquals(hash, first.GetCertHash());
    }

    private static SignatureVerification Invalid(string detail, SignerIdentity? signer = null) =>
        new(false, false, signer, null, detail);
}
