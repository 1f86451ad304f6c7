using EvidenceKit.Core.Text;
using System.Globalization;
using System.Security.Cryptography;
using EvidenceKit.Core.Abstractions;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace EvidenceKit.Signing.Certificates;

/// <summary>Fingerprints, PEM text and identities of X.509 certificates, in the forms EvidenceKit prints and stores.</summary>
internal static class CertificateFacts
{
    private const string TimeStampingOid = "1.3.6.1.5.5.7.3.8";

    private static readonly X509CertificateParser Parser = new();

    /// <summary>SHA-256 of the DER encoding, lower-case hex (the manifest form).</summary>
    public static string Sha256Hex(byte[] der) => Hex.Sha256(der);

    /// <summary>SHA-256 of the DER encoding as upper-case hex pairs joined by colons (the form openssl prints).</summary>
    public static string Sha256Colon(byte[] der) => Fingerprints.Colon(Hex.Sha256(der));

    /// <summary>Turns a fingerprint as a person may type it (any case, colons, spaces) into lower-case hex.</summary>
    public static string NormalizeFingerprint(string fingerprint) => Fingerprints.Normalize(fingerprint);

    /// <summary>PEM text ("-----BEGIN CERTIFICATE-----") of a DER certificate, ending in a newline.</summary>
    public static string ToPem(byte[] der) => new string(PemEncoding.Write("CERTIFICATE", der)) + "\n";

    /// <summary>The identity of a certificate as the Core model describes it.</summary>
    public static SignerIdentity Identity(X509Certificate certificate) => new(
        certificate.SubjectDN.ToString(),
        Sha256Hex(certificate.GetEncoded()),
        Utc(certificate.NotBefore),
        Utc(certificate.NotAfter))
    {
        CommonName = Only(certificate.SubjectDN, X509Name.CN),
        Organization = Only(certificate.SubjectDN, X509Name.O),
    };

    /// <summary>The value of the one attribute of this type in a name; null when there is none, or more than one.</summary>
    private static string? Only(X509Name name, Org.BouncyCastle.Asn1.DerObjectIdentifier type)
    {
        var values = name.GetValueList(type);
        return values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0].Trim() : null;
    }

    /// <summary>Parses one DER certificate, or returns null when the bytes are not one.</summary>
    public static X509Certificate? TryParse(byte[] der)
    {
        try
        {
            return Parser.ReadCertificate(der);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>True when the certificate is valid at <paramref name="at"/>.</summary>
    public static bool IsValidAt(X509Certificate certificate, DateTimeOffset at) => certificate.IsValid(at.UtcDateTime);

    /// <summary>True unless a keyUsage extension is present and lacks digitalSignature.</summary>
    public static bool AllowsDigitalSignature(X509Certificate certificate)
    {
        var usage = certificate.GetKeyUsage();
        return usage is null || usage[0];
    }

    /// <summary>True when the certificate may issue certificates: a CA by basicConstraints (or a v1 root) and keyCertSign if keyUsage is present.</summary>
    public static bool MayIssue(X509Certificate certificate)
    {
        var isCa = certificate.GetBasicConstraints() >= 0 || certificate.Version == 1;
        var usage = certificate.GetKeyUsage();
        return isCa && (usage is null || usage[5]);
    }

    /// <summary>True when the certificate has an extendedKeyUsage extension, marked critical, naming timeStamping.</summary>
    public static bool HasCriticalTimeStampingUsage(X509Certificate certificate)
    {
        if (!certificate.GetCriticalExtensionOids().Contains(X509Extensions.ExtendedKeyUsage.Id))
        {
            return false;
        }

        var usages = certificate.GetExtendedKeyUsage();
        return usages is not null && usages.Any(oid => oid.Id == TimeStampingOid);
    }

    /// <summary>A UTC time as "yyyy-MM-dd HH:mm:ss UTC".</summary>
    public static string FormatUtc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A certificate time (BouncyCastle gives UTC DateTimes) as a UTC offset.</summary>
    public static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
