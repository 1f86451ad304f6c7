using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace EvidenceKit.Signing.Keys;

/// <summary>Makes a first-time examiner's key: ECDSA P-256 with a self-signed certificate, written as .p12 and .crt.</summary>
public static class ExaminerKeyGenerator
{
    private const int MaxDays = 3650;

    /// <summary>
    /// Generates an ECDSA P-256 key and a self-signed X.509 v3 certificate: subject CN=<paramref name="examinerName"/>,
    /// O=<paramref name="organization"/>; keyUsage digitalSignature (critical); basicConstraints CA:false;
    /// subjectKeyIdentifier; random serial; valid from five minutes before now for <paramref name="days"/> days.
    /// </summary>
    /// <exception cref="KeyException">The name or organisation is empty, or <paramref name="days"/> is not 1..3650.</exception>
    public static GeneratedKey Generate(string examinerName, string organization, int days, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(examinerName))
        {
            throw KeyErrors.BadName("examiner name");
        }

        if (string.IsNullOrWhiteSpace(organization))
        {
            throw KeyErrors.BadName("organisation");
        }

        if (days is < 1 or > MaxDays)
        {
            throw KeyErrors.BadDays(days);
        }

        var random = new SecureRandom();
        var keyGenerator = new ECKeyPairGenerator();
        keyGenerator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        var keyPair = keyGenerator.GenerateKeyPair();

        var subject = new X509Name(
            new List<DerObjectIdentifier> { X509Name.CN, X509Name.O },
            new List<string> { examinerName.Trim(), organization.Trim() });
        var now = time.GetUtcNow().UtcDateTime;
        var notBefore = now.AddMinutes(-5);

        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(new BigInteger(1, SecureRandom.GetNextBytes(random, 16)).SetBit(127));
        builder.SetIssuerDN(subject);
        builder.SetSubjectDN(subject);
        builder.SetNotBefore(notBefore);
        builder.SetNotAfter(now.AddDays(days));
        builder.SetPublicKey(keyPair.Public);
        builder.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        builder.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        builder.AddExtension(X509Extensions.SubjectKeyIdentifier, false,
            X509ExtensionUtilities.CreateSubjectKeyIdentifier(keyPair.Public));
        var certificate = builder.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keyPair.Private, random));

        return new GeneratedKey((ECPrivateKeyParameters)keyPair.Private, certificate);
    }

    /// <summary>
    /// Writes <paramref name="p12Path"/> (key and certificate, protected by <paramref name="passphrase"/> with
    /// AES-256-CBC/PBKDF2-HMAC-SHA256, readable by OpenSSL 3 without -legacy, mode 0600 on Unix) and the certificate as
    /// PEM beside it with the extension .crt. Never overwrites: fails when either file exists.
    /// </summary>
    /// <returns>The paths written and the certificate's SHA-256 fingerprint in both printed forms.</returns>
    /// <exception cref="KeyException">A file exists, cannot be written, or the passphrase is empty.</exception>
    public static WrittenKeyFiles Write(GeneratedKey key, string p12Path, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(p12Path);
        ArgumentNullException.ThrowIfNull(passphrase);
        if (passphrase.Length == 0)
        {
            throw KeyErrors.EmptyPassphrase();
        }

        var certificatePath = Path.ChangeExtension(p12Path, ".crt");
        foreach (var path in new[] { p12Path, certificatePath })
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw KeyErrors.FileExists(path);
            }
        }

        var store = new Pkcs12StoreBuilder()
            .SetKeyAlgorithm(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256)
            .SetCertAlgorithm(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256)
            .SetUseDerEncoding(true)
            .Build();
        var alias = key.Certificate.SubjectDN.GetValueList(X509Name.CN).FirstOrDefault() ?? "examiner";
        store.SetKeyEntry(alias, new AsymmetricKeyEntry(key.PrivateKey), [new X509CertificateEntry(key.Certificate)]);
        var p12 = new MemoryStream();
        store.Save(p12, passphrase.ToCharArray(), new SecureRandom());

        WriteNew(p12Path, p12.ToArray(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteNew(certificatePath, System.Text.Encoding.ASCII.GetBytes(key.CertificatePem),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        return new WrittenKeyFiles(p12Path, certificatePath, key.Fingerprint, key.FingerprintHex);
    }

    private static void WriteNew(string path, byte[] bytes, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw KeyErrors.FileExists(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw KeyErrors.CannotWrite(path, ex);
        }

        try
        {
            using (stream)
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException ex)
        {
            File.Delete(path);
            throw KeyErrors.CannotWrite(path, ex);
        }
    }
}
