using EvidenceKit.Signing.Certificates;

namespace EvidenceKit.Signing.Keys;

/// <summary>Every <see cref="KeyException"/> is built here, so the sentences stay consistent. None takes the passphrase.</summary>
internal static class KeyErrors
{
    public static KeyException Missing(string path) =>
        new($"The key file {path} does not exist; give the path of your PKCS#12 (.p12) key file.");

    public static KeyException Unreadable(string path, Exception inner) =>
        new($"The key file {path} cannot be read ({inner.Message}); check that it exists and that you may read it.", inner);

    public static KeyException NotPkcs12(string path, Exception inner) =>
        new($"The key file {path} is not a PKCS#12 (.p12) file; give the .p12 file that holds your key and certificate.", inner);

    public static KeyException WrongPassphrase(string path, Exception inner) =>
        new($"The passphrase for the key file {path} is wrong; enter the passphrase the file was protected with.", inner);

    public static KeyException NoPrivateKey(string path) =>
        new($"The key file {path} holds no private key; export it again with its private key (openssl pkcs12 -export -inkey KEY -in CERT).");

    public static KeyException SeveralPrivateKeys(string path) =>
        new($"The key file {path} holds more than one private key; export a .p12 with only the examiner's key and certificate.");

    public static KeyException NoCertificate(string path) =>
        new($"The key file {path} holds a private key but no certificate for it; export it again with its certificate.");

    public static KeyException KeyDoesNotMatchCertificate(string path) =>
        new($"The private key in {path} does not belong to its certificate; export the key together with its own certificate.");

    public static KeyException Expired(string path, DateTimeOffset notAfter, DateTimeOffset now) =>
        new($"The certificate in {path} expired on {CertificateFacts.FormatUtc(notAfter)} (it is now {CertificateFacts.FormatUtc(now)}); get a new certificate or make a new key with `evidencekit-collect keygen`.");

    public static KeyException NotYetValid(string path, DateTimeOffset notBefore, DateTimeOffset now) =>
        new($"The certificate in {path} is not valid before {CertificateFacts.FormatUtc(notBefore)} (it is now {CertificateFacts.FormatUtc(now)}); check this computer's clock or wait until then.");

    public static KeyException NoDigitalSignatureUsage(string path) =>
        new($"The certificate in {path} does not allow digital signatures (its keyUsage lacks digitalSignature); ask for a certificate issued for signing.");

    public static KeyException UnsupportedKey(string path, string what) =>
        new($"The key in {path} is {what}, which EvidenceKit does not sign with; use an ECDSA P-256 key or an RSA key of at least 3072 bits.");

    public static KeyException FileExists(string path) =>
        new($"The file {path} already exists and is never overwritten; choose another path or move the old file away.");

    public static KeyException CannotWrite(string path, Exception inner) =>
        new($"The file {path} cannot be written ({inner.Message}); check the directory exists and that you may write to it.", inner);

    public static KeyException EmptyPassphrase() =>
        new("The passphrase is empty; choose a passphrase, an unprotected key file is refused.");

    public static KeyException BadName(string what) =>
        new($"The {what} is empty; give the examiner's name and organisation for the certificate.");

    public static KeyException BadDays(int days) =>
        new($"A certificate valid for {days} days is refused; give between 1 and 3650 days.");
}
