namespace EvidenceKit.Core.Abstractions;

/// <summary>The examiner certificate behind a signature.</summary>
/// <param name="Subject">The certificate's subject distinguished name.</param>
/// <param name="CertificateSha256">SHA-256 of the certificate's DER encoding, lower-case hex.</param>
/// <param name="NotBefore">Start of the certificate's validity (UTC).</param>
/// <param name="NotAfter">End of the certificate's validity (UTC).</param>
public sealed record SignerIdentity(string Subject, string CertificateSha256, DateTimeOffset NotBefore, DateTimeOffset NotAfter);
