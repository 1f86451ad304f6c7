using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace EvidenceKit.Signing.Keys;

/// <summary>Which keys EvidenceKit signs with (ECDSA P-256, RSA of at least 3072 bits) and the matching algorithms.</summary>
internal static class SigningKeyRules
{
    public const int MinimumRsaBits = 3072;

    private static readonly X9ECParameters P256 = ECNamedCurveTable.GetByOid(SecObjectIdentifiers.SecP256r1);

    /// <summary>Null when the key is accepted; otherwise a phrase naming what it is ("an RSA key of 2048 bits").</summary>
    public static string? Reject(AsymmetricKeyParameter key) => key switch
    {
        ECPrivateKeyParameters ec when IsP256(ec.Parameters) => null,
        ECPrivateKeyParameters ec => $"an ECDSA key on a {ec.Parameters.Curve.FieldSize}-bit curve other than P-256",
        RsaKeyParameters rsa when rsa.Modulus.BitLength >= MinimumRsaBits => null,
        RsaKeyParameters rsa => $"an RSA key of {rsa.Modulus.BitLength} bits",
        _ => $"a {key.GetType().Name.Replace("PrivateKeyParameters", string.Empty, StringComparison.Ordinal)} key",
    };

    /// <summary>The BouncyCastle name of the SHA-256 signature algorithm for an accepted key.</summary>
    public static string SignatureAlgorithm(AsymmetricKeyParameter key) =>
        key is ECPrivateKeyParameters ? "SHA256WITHECDSA" : "SHA256WITHRSA";

    private static bool IsP256(ECDomainParameters parameters) =>
        parameters.Curve.Equals(P256.Curve) && parameters.G.Equals(P256.G) && parameters.N.Equals(P256.N);
}
