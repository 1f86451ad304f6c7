using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EvidenceKit.Core.Custody;

/// <summary>The common name (CN) of a certificate subject, as the person it names is called.</summary>
internal static class CertificateNames
{
    private const string CommonNameOid = "2.5.4.3";

    /// <summary>The last CN of <paramref name="subject"/> (an RFC 4514 / .NET distinguished name), or null when it has none.</summary>
    public static string? CommonName(string subject)
    {
        try
        {
            string? found = null;
            foreach (var rdn in new X500DistinguishedName(subject).EnumerateRelativeDistinguishedNames())
            {
                if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CommonNameOid)
                {
                    found = rdn.GetSingleElementValue();
                }
            }
            return found;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
