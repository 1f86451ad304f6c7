using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using AttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;

namespace EvidenceKit.Signing.Cms;

/// <summary>Small, defensive readers of CMS structures shared by the signature and time-stamp verifiers.</summary>
internal static class CmsParsing
{
    private static readonly HashSet<string> StrongDigests =
    [
        NistObjectIdentifiers.IdSha256.Id,
        NistObjectIdentifiers.IdSha384.Id,
        NistObjectIdentifiers.IdSha512.Id,
    ];

    private static readonly HashSet<string> WeakSignatureAlgorithms =
    [
        "1.2.840.113549.1.1.4", // md5WithRSAEncryption
        "1.2.840.113549.1.1.5", // sha1WithRSAEncryption
        "1.2.840.10045.4.1",    // ecdsa-with-SHA1
        "1.2.840.10040.4.3",    // dsa-with-sha1
        "1.3.14.3.2.29",        // sha1WithRSASignature (OIW)
    ];

    /// <summary>Reads exactly one ASN.1 object filling all of <paramref name="bytes"/>; null when truncated, malformed or followed by more bytes.</summary>
    public static Asn1Object? ReadSingleObject(byte[] bytes)
    {
        try
        {
            using var input = new Asn1InputStream(bytes);
            var result = input.ReadObject();
            return result is not null && input.Position == bytes.Length ? result : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>True for SHA-256, SHA-384 and SHA-512.</summary>
    public static bool IsStrongDigest(string oid) => StrongDigests.Contains(oid);

    /// <summary>True for signature algorithms built on MD5 or SHA-1.</summary>
    public static bool IsWeakSignatureAlgorithm(string oid) => WeakSignatureAlgorithms.Contains(oid);

    /// <summary>The single value of attribute <paramref name="type"/>; null when absent or not exactly one attribute with one value.</summary>
    public static Asn1Encodable? SingleValue(AttributeTable attributes, DerObjectIdentifier type)
    {
        var all = attributes.GetAll(type);
        if (all.Count != 1)
        {
            return null;
        }

        var values = Org.BouncyCastle.Asn1.Cms.Attribute.GetInstance(all[0]).AttrValues;
        return values.Count == 1 ? values[0] : null;
    }
}
