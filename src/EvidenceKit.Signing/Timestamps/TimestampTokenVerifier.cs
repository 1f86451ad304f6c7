using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Signing.Certificates;
using EvidenceKit.Signing.Cms;
using EvidenceKit.Signing.Trust;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities;
using Org.BouncyCastle.X509;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;

namespace EvidenceKit.Signing.Timestamps;

/// <summary>
/// Verifies an RFC 3161 time-stamp token (DER TimeStampToken, or a whole TimeStampResp) against the data it covers,
/// and judges the TSA only by the verifier's <see cref="TrustPolicy"/>. Never throws for malformed input.
/// </summary>
/// <param name="time">The verifier's "now", at which certificates are judged unless the policy names a time.</param>
public sealed class TimestampTokenVerifier(TimeProvider time) : ITimestampVerifier
{
    /// <summary>The token bytes are not a time-stamp token.</summary>
    public const string NotToken = "time-stamp token is not valid DER";

    /// <summary>The imprint covers other bytes.</summary>
    public const string ImprintMismatch = "time-stamp imprint does not match the data";

    /// <summary>The imprint or signer digest is MD5, SHA-1 or unknown.</summary>
    public const string WeakDigest = "time-stamp digest algorithm is not accepted (only SHA-256, SHA-384 and SHA-512 are)";

    /// <summary>The TSA certificate is neither in the token nor among the anchors.</summary>
    public const string NoTsaCertificate = "time-stamp token does not include the TSA certificate";

    /// <summary>The TSA certificate lacks the critical timeStamping extended key usage.</summary>
    public const string NotTsaCertificate = "TSA certificate lacks the critical timeStamping extended key usage";

    /// <summary>The token's signature, or its binding to the TSA certificate, does not verify.</summary>
    public const string BadSignature = "time-stamp token signature does not verify with the TSA certificate";

    /// <summary>The TSA certificate was not valid when the token says it was made.</summary>
    public const string TsaCertificateNotValidAtGenTime = "TSA certificate was not valid at the time-stamp's genTime";

    /// <summary>The prefix of every valid token's detail.</summary>
    public const string ValidPrefix = "time-stamp valid; ";

    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>Checks that <paramref name="token"/> covers exactly <paramref name="timestampedData"/>, is signed by its TSA, and whether <paramref name="tsaTrust"/> trusts that TSA.</summary>
    public TimestampVerification Verify(ReadOnlySpan<byte> token, ReadOnlySpan<byte> timestampedData, TrustPolicy tsaTrust)
    {
        ArgumentNullException.ThrowIfNull(tsaTrust);
        var (data, tokenBytes) = (timestampedData.ToArray(), token.ToArray());
        return MalformedInput.Judge(() => VerifyOrThrow(data, tokenBytes, tsaTrust), () => Invalid(NotToken));
    }

    private TimestampVerification VerifyOrThrow(byte[] data, byte[] tokenBytes, TrustPolicy policy)
    {
        var contentInfo = ReadToken(tokenBytes);
        if (contentInfo is null)
        {
            return Invalid(NotToken);
        }

        TimeStampToken token;
        try
        {
            token = new TimeStampToken(new CmsSignedData(contentInfo));
        }
        catch (Exception ex) when (ex is TspException or TspValidationException or CmsException or ArgumentException or InvalidCastException)
        {
            return Invalid(NotToken);
        }

        var info = token.TimeStampInfo;
        var genTime = CertificateFacts.Utc(info.GenTime);
        var signerDigest = token.ToCmsSignedData().GetSignerInfos().GetSigners().First().DigestAlgorithmID.Algorithm.Id;
        if (!CmsParsing.IsStrongDigest(info.MessageImprintAlgOid) || !CmsParsing.IsStrongDigest(signerDigest))
        {
            return Invalid(WeakDigest, genTime);
        }

        var expected = DigestUtilities.CalculateDigest(info.MessageImprintAlgOid, data);
        if (!Arrays.FixedTimeEquals(expected, info.GetMessageImprintDigest()))
        {
            return Invalid(ImprintMismatch, genTime);
        }

        var carried = token.GetCertificates().EnumerateMatches(null).ToList();
        var anchors = policy.TrustedCertificates.Select(der => CertificateFacts.TryParse(der)).OfType<X509Certificate>();
        var certificate = carried.Concat(anchors).FirstOrDefault(c => token.SignerID.Match(c));
        if (certificate is null)
        {
            return Invalid(NoTsaCertificate, genTime);
        }

        var subject = certificate.SubjectDN.ToString();
        var fingerprint = CertificateFacts.Sha256Hex(certificate.GetEncoded());
        if (!CertificateFacts.HasCriticalTimeStampingUsage(certificate))
        {
            return new(false, false, genTime, subject, fingerprint, NotTsaCertificate);
        }

        if (!CertificateFacts.IsValidAt(certificate, genTime))
        {
            return new(false, false, genTime, subject, fingerprint, TsaCertificateNotValidAtGenTime);
        }

        try
        {
            token.Validate(certificate);
        }
        catch (Exception ex) when (ex is TspException or TspValidationException)
        {
            return new(false, false, genTime, subject, fingerprint, BadSignature);
        }

        var at = policy.ValidationTime ?? _time.GetUtcNow();
        var decision = TrustEvaluator.Evaluate(certificate, carried, policy, at, RequiredUsage.TimeStamping, "TSA");
        return new(true, decision.Trusted, genTime, subject, fingerprint, ValidPrefix + decision.Reason);
    }

    private static ContentInfo? ReadToken(byte[] bytes)
    {
        var parsed = CmsParsing.ReadSingleObject(bytes);
        if (parsed is not Asn1Sequence sequence || sequence.Count == 0)
        {
            return null;
        }

        // A TimeStampToken starts with the signedData OID; a TimeStampResp starts with its PKIStatusInfo.
        if (sequence[0] is DerObjectIdentifier)
        {
            var contentInfo = ContentInfo.GetInstance(sequence);
            return CmsObjectIdentifiers.SignedData.Equals(contentInfo.ContentType) ? contentInfo : null;
        }

        return TimeStampResp.GetInstance(sequence).TimeStampToken;
    }

    private static TimestampVerification Invalid(string detail, DateTimeOffset? genTime = null) =>
        new(false, false, genTime, null, null, detail);
}
