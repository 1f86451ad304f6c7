using System.Text;

namespace EvidenceKit.Core.Abstractions;

/// <summary>The examiner certificate behind a signature.</summary>
/// <param name="Subject">The certificate's subject distinguished name.</param>
/// <param name="CertificateSha256">SHA-256 of the certificate's DER encoding, lower-case hex.</param>
/// <param name="NotBefore">Start of the certificate's validity (UTC).</param>
/// <param name="NotAfter">End of the certificate's validity (UTC).</param>
public sealed record SignerIdentity(string Subject, string CertificateSha256, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>
    /// The person the certificate names: the value of its subject's only common name (CN), read from the certificate
    /// itself (never re-parsed from <see cref="Subject"/>); null when the subject has no CN or more than one.
    /// </summary>
    public string? CommonName { get; init; }

    /// <summary>The subject's only organization (O), when it has exactly one.</summary>
    public string? Organization { get; init; }

    /// <summary>
    /// Whether a name a person typed (<c>--examiner</c>, <c>--actor</c>) names this signer: equal to the common name
    /// after trimming both and Unicode normalization (NFC), ignoring case. "dana examiner " matches "Dana Examiner";
    /// "Dana" does not.
    /// </summary>
    public bool IsNamedBy(string typed) =>
        CommonName is { } name && string.Equals(Normal(typed), Normal(name), StringComparison.OrdinalIgnoreCase);

    private static string Normal(string name) => name.Trim().Normalize(NormalizationForm.FormC);
}
