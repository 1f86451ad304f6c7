using EvidenceKit.Core.Abstractions;
using EvidenceKit.Signing.Certificates;
using EvidenceKit.Signing.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using ISigner = EvidenceKit.Core.Abstractions.ISigner;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using AttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;
using Time = Org.BouncyCastle.Asn1.Cms.Time;

namespace EvidenceKit.Signing.Cms;

/// <summary>
/// Signs as CMS SignedData: detached, DER, SHA-256, with the signer certificate and chain, and the signed
/// attributes contentType, messageDigest, signingTime (from the injected clock) and signingCertificateV2.
/// </summary>
internal sealed class CmsSigner : ISigner
{
    private readonly AsymmetricKeyParameter _privateKey;
    private readonly X509Certificate _certificate;
    private readonly IReadOnlyList<X509Certificate> _chain;
    private readonly TimeProvider _time;
    private readonly SecureRandom _random = new();

    public CmsSigner(AsymmetricKeyParameter privateKey, X509Certificate certificate, IReadOnlyList<X509Certificate> chain, TimeProvider time)
    {
        _privateKey = privateKey;
        _certificate = certificate;
        _chain = chain;
        _time = time;
        Identity = CertificateFacts.Identity(certificate);
    }

    /// <inheritdoc />
    public SignerIdentity Identity { get; }

    /// <inheritdoc />
    public byte[] SignDetached(ReadOnlySpan<byte> content)
    {
        var generator = new CmsSignedDataGenerator(_random);
        var signerInfo = new SignerInfoGeneratorBuilder()
            .WithSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(SignedAttributes()))
            .Build(new Asn1SignatureFactory(SigningKeyRules.SignatureAlgorithm(_privateKey), _privateKey, _random), _certificate);
        generator.AddSignerInfoGenerator(signerInfo);
        generator.AddCertificates(CollectionUtilities.CreateStore(new[] { _certificate }.Concat(_chain).ToList()));

        var signed = generator.Generate(new CmsProcessableByteArray(content.ToArray()), encapsulate: false);
        return signed.ContentInfo.GetEncoded(Asn1Encodable.Der);
    }

    private AttributeTable SignedAttributes()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var signingTime = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

        var certificateHash = DigestUtilities.CalculateDigest("SHA-256", _certificate.GetEncoded());
        var issuerSerial = new IssuerSerial(
            new GeneralNames(new GeneralName(_certificate.IssuerDN)),
            new DerInteger(_certificate.SerialNumber));
        var signingCertificate = new SigningCertificateV2(new[] { new EssCertIDv2(certificateHash, issuerSerial) });

        var attributes = new Asn1EncodableVector
        {
            new Attribute(CmsAttributes.SigningTime, new DerSet(new Time(signingTime))),
            new Attribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(signingCertificate)),
        };
        return new AttributeTable(attributes);
    }
}
