using EvidenceKit.Signing.Certificates;
using EvidenceKit.Signing.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace EvidenceKit.Signing.Keys;

/// <summary>Loads an examiner's signing key and certificate from a passphrase-protected PKCS#12 (.p12) file.</summary>
public static class Pkcs12KeyLoader
{
    private static readonly byte[] Probe = "EvidenceKit key check"u8.ToArray();

    /// <summary>
    /// Loads the one private key in <paramref name="path"/> with its certificate and chain, and checks that it can sign
    /// now: the certificate is valid at <paramref name="time"/>'s now, allows digitalSignature, and the key is ECDSA P-256
    /// or RSA of at least 3072 bits.
    /// </summary>
    /// <param name="path">The .p12 file.</param>
    /// <param name="passphrase">The passphrase protecting the file; it never appears in any message.</param>
    /// <param name="time">The clock for the validity check and for the signing time of every signature.</param>
    /// <returns>The key, ready to sign.</returns>
    /// <exception cref="KeyException">The file is missing or unreadable, the passphrase is wrong, or the key or certificate cannot sign.</exception>
    public static LoadedKey Load(string path, string passphrase, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(passphrase);
        ArgumentNullException.ThrowIfNull(time);

        var store = Open(path, passphrase);

        var keyAliases = store.Aliases.Where(store.IsKeyEntry).ToList();
        if (keyAliases.Count == 0)
        {
            throw KeyErrors.NoPrivateKey(path);
        }

        if (keyAliases.Count > 1)
        {
            throw KeyErrors.SeveralPrivateKeys(path);
        }

        var alias = keyAliases[0];
        var privateKey = store.GetKey(alias).Key;
        var chain = store.GetCertificateChain(alias)?.Select(entry => entry.Certificate).ToList();
        var certificate = chain?.FirstOrDefault() ?? store.GetCertificate(alias)?.Certificate;
        if (certificate is null)
        {
            throw KeyErrors.NoCertificate(path);
        }

        var issuers = chain?.Skip(1).ToList() ?? [];

        var rejection = SigningKeyRules.Reject(privateKey);
        if (rejection is not null)
        {
            throw KeyErrors.UnsupportedKey(path, rejection);
        }

        if (!Matches(privateKey, certificate))
        {
            throw KeyErrors.KeyDoesNotMatchCertificate(path);
        }

        var now = time.GetUtcNow();
        var notBefore = CertificateFacts.Utc(certificate.NotBefore);
        var notAfter = CertificateFacts.Utc(certificate.NotAfter);
        if (now > notAfter)
        {
            throw KeyErrors.Expired(path, notAfter, now);
        }

        if (now < notBefore)
        {
            throw KeyErrors.NotYetValid(path, notBefore, now);
        }

        if (!CertificateFacts.AllowsDigitalSignature(certificate))
        {
            throw KeyErrors.NoDigitalSignatureUsage(path);
        }

        var signer = new CmsSigner(privateKey, certificate, issuers, time);
        return new LoadedKey(signer, certificate.GetEncoded(), issuers.Select(c => c.GetEncoded()).ToList());
    }

    private static Pkcs12Store Open(string path, string passphrase)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw KeyErrors.Missing(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw KeyErrors.Unreadable(path, ex);
        }

        var store = new Pkcs12StoreBuilder().Build();
        try
        {
            store.Load(new MemoryStream(bytes, writable: false), passphrase.ToCharArray());
            return store;
        }
        catch (IOException ex) when (ex.Message.Contains("wrong password", StringComparison.OrdinalIgnoreCase))
        {
            throw KeyErrors.WrongPassphrase(path, ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw KeyErrors.NotPkcs12(path, ex);
        }
    }

    private static bool Matches(AsymmetricKeyParameter privateKey, X509Certificate certificate)
    {
        try
        {
            var signer = SignerUtilities.GetSigner(SigningKeyRules.SignatureAlgorithm(privateKey));
            signer.Init(true, privateKey);
            signer.BlockUpdate(Probe, 0, Probe.Length);
            var signature = signer.GenerateSignature();

            var verifier = SignerUtilities.GetSigner(SigningKeyRules.SignatureAlgorithm(privateKey));
            verifier.Init(false, certificate.GetPublicKey());
            verifier.BlockUpdate(Probe, 0, Probe.Length);
            return verifier.VerifySignature(signature);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }
}
