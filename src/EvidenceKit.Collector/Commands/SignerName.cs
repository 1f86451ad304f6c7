using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EvidenceKit.Collector.Commands;

/// <summary>
/// Who a signing certificate names: its subject's common name (CN) and organisation (O). In prosecution this is the
/// examiner recorded in the manifest and the sealed custody event, so the signature and the name can never disagree.
/// </summary>
internal sealed record SignerName(string CommonName, string? Organization)
{
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";

    /// <summary>Reads the names of a DER certificate; null when it has no common name (or cannot be parsed).</summary>
    public static SignerName? Of(byte[] certificateDer)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
            string? commonName = null;
            string? organization = null;
            foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
            {
                if (!rdn.HasMultipleElements)
                {
                    var type = rdn.GetSingleElementType().Value;
                    commonName ??= type == CommonNameOid ? rdn.GetSingleElementValue() : null;
                    organization ??= type == OrganizationOid ? rdn.GetSingleElementValue() : null;
                }
            }
            return string.IsNullOrWhiteSpace(commonName) ? null : new SignerName(commonName.Trim(), string.IsNullOrWhiteSpace(organization) ? null : organization.Trim());
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a name typed with --examiner names this signer: equal to the common name after trimming both and
    /// Unicode normalization (NFC), ignoring case (ordinal). "dana examiner " matches "Dana Examiner"; "Dana" does not.
    /// </summary>
    public bool IsNamedBy(string typed) =>
        string.Equals(Normal(typed), Normal(CommonName), StringComparison.OrdinalIgnoreCase);

    private static string Normal(string name) => name.Trim().Normalize(NormalizationForm.FormC);
}
