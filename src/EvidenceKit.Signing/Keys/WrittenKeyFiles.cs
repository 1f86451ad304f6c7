namespace EvidenceKit.Signing.Keys;

/// <summary>Where a generated key was written and how to recognise its certificate.</summary>
/// <param name="Pkcs12Path">The passphrase-protected key and certificate (.p12).</param>
/// <param name="CertificatePath">The certificate alone, PEM (.crt), to hand to whoever verifies.</param>
/// <param name="Fingerprint">SHA-256 fingerprint as "AB:CD:..." (upper case, colons), to print and exchange out of band.</param>
/// <param name="FingerprintHex">SHA-256 fingerprint as lower-case hex, the manifest form.</param>
public sealed record WrittenKeyFiles(string Pkcs12Path, string CertificatePath, string Fingerprint, string FingerprintHex);
