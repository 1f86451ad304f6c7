using EvidenceKit.Core.Abstractions;
using EvidenceKit.Signing.Certificates;

namespace EvidenceKit.Signing.Keys;

/// <summary>An examiner key loaded from a PKCS#12 file, ready to sign, with its certificate and chain.</summary>
public sealed class LoadedKey
{
    internal LoadedKey(ISigner signer, byte[] certificateDer, IReadOnlyList<byte[]> chainDer)
    {
        Signer = signer;
        CertificateDer = certificateDer;
        ChainDer = chainDer;
    }

    /// <summary>Signs with this key as detached CMS SignedData (DER).</summary>
    public ISigner Signer { get; }

    /// <summary>The signer certificate's subject, SHA-256 fingerprint (lower-case hex) and validity.</summary>
    public SignerIdentity Identity => Signer.Identity;

    /// <summary>SHA-256 fingerprint of the signer certificate as upper-case hex pairs with colons ("AB:CD:..."), as openssl prints it.</summary>
    public string Fingerprint => CertificateFacts.Sha256Colon(CertificateDer);

    /// <summary>The signer certificate, DER.</summary>
    public byte[] CertificateDer { get; }

    /// <summary>The signer certificate, PEM.</summary>
    public string CertificatePem => CertificateFacts.ToPem(CertificateDer);

    /// <summary>The issuing certificates found in the file (nearest issuer first, DER), without the signer certificate.</summary>
    public IReadOnlyList<byte[]> ChainDer { get; }

    /// <summary>The signer certificate followed by its issuing certificates, PEM.</summary>
    public string ChainPem => CertificatePem + string.Concat(ChainDer.Select(CertificateFacts.ToPem));
}
