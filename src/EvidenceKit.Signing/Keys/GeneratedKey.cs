using EvidenceKit.Signing.Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace EvidenceKit.Signing.Keys;

/// <summary>A freshly generated examiner key and its self-signed certificate, not yet written anywhere.</summary>
public sealed class GeneratedKey
{
    internal GeneratedKey(AsymmetricKeyParameter privateKey, X509Certificate certificate)
    {
        PrivateKey = privateKey;
        Certificate = certificate;
        CertificateDer = certificate.GetEncoded();
    }

    /// <summary>The self-signed certificate, DER.</summary>
    public byte[] CertificateDer { get; }

    /// <summary>The self-signed certificate, PEM.</summary>
    public string CertificatePem => CertificateFacts.ToPem(CertificateDer);

    /// <summary>The certificate's subject, e.g. "CN=Jane Doe,O=ACME CERT".</summary>
    public string Subject => Certificate.SubjectDN.ToString();

    /// <summary>SHA-256 fingerprint of the certificate as "AB:CD:..." (upper case, colons), to print and read out.</summary>
    public string Fingerprint => CertificateFacts.Sha256Colon(CertificateDer);

    /// <summary>SHA-256 fingerprint of the certificate as lower-case hex, the manifest form.</summary>
    public string FingerprintHex => CertificateFacts.Sha256Hex(CertificateDer);

    /// <summary>Start of the certificate's validity (UTC).</summary>
    public DateTimeOffset NotBefore => CertificateFacts.Utc(Certificate.NotBefore);

    /// <summary>End of the certificate's validity (UTC).</summary>
    public DateTimeOffset NotAfter => CertificateFacts.Utc(Certificate.NotAfter);

    internal AsymmetricKeyParameter PrivateKey { get; }

    internal X509Certificate Certificate { get; }
}
