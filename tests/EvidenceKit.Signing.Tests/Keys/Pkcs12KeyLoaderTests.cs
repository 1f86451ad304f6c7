using EvidenceKit.Testing;
using EvidenceKit.Signing.Keys;
using EvidenceKit.Signing.Tests.Support;

namespace EvidenceKit.Signing.Tests.Keys;

[Collection(TestPkiCollection.Name)]
public sealed class Pkcs12KeyLoaderTests(TestPki pki) : WorkFolderTest
{
    [Fact]
    public void An_examiner_p12_loads_with_its_identity_certificate_and_chain()
    {
        var key = Pkcs12KeyLoader.Load(pki.Examiner, TestPki.Passphrase, TimeProvider.System);

        key.Identity.Subject.Should().Be("CN=Test Examiner,O=EvidenceKit TEST ONLY");
        key.CertificateDer.Should().Equal(pki.Der(pki.ExaminerCertificate));
        key.ChainDer.Should().ContainSingle().Which.Should().Equal(pki.Der(pki.RootCertificate));
        key.CertificatePem.Should().Be(File.ReadAllText(pki.ExaminerCertificate));
        key.ChainPem.Should().Be(File.ReadAllText(pki.ExaminerCertificate) + File.ReadAllText(pki.RootCertificate));
        key.Identity.CertificateSha256.Should().MatchRegex("^[0-9a-f]{64}$");
        key.Fingerprint.Replace(":", string.Empty, StringComparison.Ordinal).Should().Be(key.Identity.CertificateSha256.ToUpperInvariant());
    }

    [Fact]
    public void An_RSA_3072_key_is_accepted()
    {
        var key = Pkcs12KeyLoader.Load(pki.ExaminerRsa, TestPki.Passphrase, TimeProvider.System);

        key.Identity.Subject.Should().Contain("CN=Test Examiner RSA");
    }

    [Fact]
    public void A_wrong_passphrase_is_named_plainly_and_never_echoed()
    {
        const string wrong = "wrong-but-secret-passphrase-value";

        var act = () => Pkcs12KeyLoader.Load(pki.Examiner, wrong, TimeProvider.System);

        var error = act.Should().Throw<KeyException>().Which;
        error.Message.Should().Be($"The passphrase for the key file {pki.Examiner} is wrong; enter the passphrase the file was protected with.");
        AllMessages(error).Should().NotContain(wrong).And.NotContain(TestPki.Passphrase);
    }

    [Fact]
    public void An_expired_certificate_is_refused_with_its_dates_in_UTC()
    {
        var act = () => Pkcs12KeyLoader.Load(pki.Expired, TestPki.Passphrase, new FixedTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));

        var error = act.Should().Throw<KeyException>().Which;
        error.Message.Should().Be($"The certificate in {pki.Expired} expired on 2021-01-01 00:00:00 UTC (it is now 2026-01-02 03:04:05 UTC); get a new certificate or make a new key with `evidencekit-collect keygen`.");
        AllMessages(error).Should().NotContain(TestPki.Passphrase);
    }

    [Fact]
    public void A_certificate_that_is_not_yet_valid_is_refused()
    {
        var act = () => Pkcs12KeyLoader.Load(pki.Examiner, TestPki.Passphrase, new FixedTime(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        act.Should().Throw<KeyException>().WithMessage($"The certificate in {pki.Examiner} is not valid before * UTC (it is now 2001-01-01 00:00:00 UTC); check this computer's clock or wait until then.");
    }

    [Fact]
    public void A_certificate_without_digitalSignature_is_refused()
    {
        var act = () => Pkcs12KeyLoader.Load(pki.NoDigitalSignature, TestPki.Passphrase, TimeProvider.System);

        var error = act.Should().Throw<KeyException>().Which;
        error.Message.Should().Be($"The certificate in {pki.NoDigitalSignature} does not allow digital signatures (its keyUsage lacks digitalSignature); ask for a certificate issued for signing.");
        AllMessages(error).Should().NotContain(TestPki.Passphrase);
    }

    [Fact]
    public void An_RSA_2048_key_is_refused_as_unsupported()
    {
        var act = () => Pkcs12KeyLoader.Load(pki.Rsa2048, TestPki.Passphrase, TimeProvider.System);

        act.Should().Throw<KeyException>().WithMessage(
            $"The key in {pki.Rsa2048} is an RSA key of 2048 bits, which EvidenceKit does not sign with; use an ECDSA P-256 key or an RSA key of at least 3072 bits.");
    }

    [Fact]
    public void A_P384_key_is_refused_as_unsupported()
    {
        var p12 = MakeP12("p384", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384");

        var act = () => Pkcs12KeyLoader.Load(p12, TestPki.Passphrase, TimeProvider.System);

        act.Should().Throw<KeyException>().WithMessage("The key in * is an ECDSA key on a 384-bit curve other than P-256, *");
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var missing = Work.File("nowhere.p12");

        var act = () => Pkcs12KeyLoader.Load(missing, TestPki.Passphrase, TimeProvider.System);

        act.Should().Throw<KeyException>().WithMessage($"The key file {missing} does not exist; give the path of your PKCS#12 (.p12) key file.");
    }

    [Fact]
    public void A_file_with_only_a_certificate_has_no_private_key()
    {
        var act = () => Pkcs12KeyLoader.Load(pki.CertificateOnly, TestPki.Passphrase, TimeProvider.System);

        act.Should().Throw<KeyException>().WithMessage($"The key file {pki.CertificateOnly} holds no private key; *");
    }

    [Fact]
    public void A_file_that_is_not_PKCS12_is_named_as_such()
    {
        var notP12 = Work.Write("key.p12", File.ReadAllBytes(pki.ExaminerCertificate));

        var act = () => Pkcs12KeyLoader.Load(notP12, TestPki.Passphrase, TimeProvider.System);

        var error = act.Should().Throw<KeyException>().Which;
        error.Message.Should().Be($"The key file {notP12} is not a PKCS#12 (.p12) file; give the .p12 file that holds your key and certificate.");
        AllMessages(error).Should().NotContain(TestPki.Passphrase);
    }

    [Fact]
    public void A_key_packed_with_another_certificate_is_refused()
    {
        // Given a .p12 holding one examiner's key with another examiner's certificate (openssl refuses to make one)
        var one = ExaminerKeyGenerator.Generate("One", "Org", 5, TimeProvider.System);
        var other = ExaminerKeyGenerator.Generate("Other", "Org", 5, TimeProvider.System);
        var store = new Org.BouncyCastle.Pkcs.Pkcs12StoreBuilder().Build();
        store.SetKeyEntry("mixed", new Org.BouncyCastle.Pkcs.AsymmetricKeyEntry(one.PrivateKey), [new Org.BouncyCastle.Pkcs.X509CertificateEntry(other.Certificate)]);
        var mixed = Work.File("mixed.p12");
        using (var file = File.Create(mixed))
        {
            store.Save(file, TestPki.Passphrase.ToCharArray(), new Org.BouncyCastle.Security.SecureRandom());
        }

        // When it is loaded
        var act = () => Pkcs12KeyLoader.Load(mixed, TestPki.Passphrase, TimeProvider.System);

        // Then it is refused
        act.Should().Throw<KeyException>().WithMessage($"The private key in {mixed} does not belong to its certificate; *");
    }

    private string MakeP12(string name, params string[] keyOptions)
    {
        var key = Work.File(name + ".key");
        var crt = Work.File(name + ".crt");
        OpenSsl.Run(Work.Path, ["genpkey", .. keyOptions, "-out", key]).ExitCode.Should().Be(0);
        OpenSsl.Run(Work.Path, "req", "-x509", "-new", "-key", key, "-subj", "/CN=" + name, "-days", "5", "-out", crt,
            "-addext", "keyUsage=critical,digitalSignature").ExitCode.Should().Be(0);
        var p12 = Work.File(name + ".p12");
        OpenSsl.Run(Work.Path, pki.PassphraseEnvironment, "pkcs12", "-export", "-inkey", key, "-in", crt,
            "-passout", "env:EVIDENCEKIT_TEST_PASSPHRASE", "-out", p12).ExitCode.Should().Be(0);
        return p12;
    }

    private static string AllMessages(Exception error) =>
        error.InnerException is null ? error.Message + "\n" + error : error.Message + "\n" + error + "\n" + AllMessages(error.InnerException);
}
