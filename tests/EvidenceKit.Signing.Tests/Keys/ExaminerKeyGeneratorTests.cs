using EvidenceKit.Testing;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Signing.Cms;
using EvidenceKit.Signing.Keys;
using EvidenceKit.Signing.Tests.Support;

namespace EvidenceKit.Signing.Tests.Keys;

public sealed class ExaminerKeyGeneratorTests : WorkFolderTest
{
    private const string Passphrase = "keygen test passphrase 42";

    private static readonly Dictionary<string, string> PassphraseEnvironment = new() { ["KEYGEN_PASS"] = Passphrase };


    [Fact]
    public void A_generated_key_round_trips_through_p12_signs_and_verifies_with_openssl()
    {
        // Given a generated key written as .p12 and .crt
        var generated = ExaminerKeyGenerator.Generate("Jane Doe", "ACME CERT", 365, TimeProvider.System);
        var written = ExaminerKeyGenerator.Write(generated, Work.File("jane.p12"), Passphrase);

        // When it is loaded and signs a manifest
        var key = Pkcs12KeyLoader.Load(written.Pkcs12Path, Passphrase, TimeProvider.System);
        var content = Work.Write("manifest.json", "{\"examiner\":\"Jane Doe\"}"u8.ToArray());
        Work.Write("manifest.json.p7s", key.Signer.SignDetached(File.ReadAllBytes(content)));

        // Then openssl verifies it against the .crt, and so does the verifier with the pinned fingerprint
        written.CertificatePath.Should().Be(Work.File("jane.crt"));
        var verify = OpenSsl.Run(Work.Path, "cms", "-verify", "-binary", "-inform", "DER", "-in", "manifest.json.p7s",
            "-content", "manifest.json", "-CAfile", written.CertificatePath, "-purpose", "any", "-out", "/dev/null");
        verify.ExitCode.Should().Be(0, verify.Output);
        var result = new CmsSignatureVerifier(TimeProvider.System).Verify(File.ReadAllBytes(content), File.ReadAllBytes(Work.File("manifest.json.p7s")),
            new TrustPolicy([], [written.Fingerprint]));
        result.Should().Match<SignatureVerification>(r => r.SignatureValid && r.Trusted);
        key.Identity.CertificateSha256.Should().Be(written.FingerprintHex);
    }

    [Fact]
    public void Openssl_reads_the_p12_without_legacy_and_prints_the_same_fingerprint()
    {
        var generated = ExaminerKeyGenerator.Generate("Jane Doe", "ACME CERT", 30, TimeProvider.System);
        var written = ExaminerKeyGenerator.Write(generated, Work.File("jane.p12"), Passphrase);

        var p12 = OpenSsl.Run(Work.Path, PassphraseEnvironment, "pkcs12", "-in", written.Pkcs12Path, "-passin", "env:KEYGEN_PASS", "-nodes", "-info");
        var fingerprint = OpenSsl.Run(Work.Path, "x509", "-in", written.CertificatePath, "-noout", "-fingerprint", "-sha256");

        p12.ExitCode.Should().Be(0, p12.Output);
        p12.Output.Should().Contain("BEGIN PRIVATE KEY").And.Contain("PBES2").And.Contain("AES-256-CBC").And.Contain("CN = Jane Doe");
        fingerprint.Stdout.Trim().Should().Be("sha256 Fingerprint=" + written.Fingerprint);
        written.Fingerprint.Should().MatchRegex("^([0-9A-F]{2}:){31}[0-9A-F]{2}$");
        written.FingerprintHex.Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public void Openssl_rejects_the_p12_with_a_wrong_passphrase()
    {
        var written = ExaminerKeyGenerator.Write(ExaminerKeyGenerator.Generate("J", "O", 1, TimeProvider.System), Work.File("j.p12"), Passphrase);

        var p12 = OpenSsl.Run(Work.Path, new Dictionary<string, string> { ["KEYGEN_PASS"] = "not it" },
            "pkcs12", "-in", written.Pkcs12Path, "-passin", "env:KEYGEN_PASS", "-nodes", "-noout");

        p12.ExitCode.Should().NotBe(0);
        p12.Output.Should().Contain("Mac verify error");
    }

    [Fact]
    public void The_certificate_has_the_promised_subject_extensions_and_validity()
    {
        var now = DateTimeOffset.UtcNow;
        var generated = ExaminerKeyGenerator.Generate("Jane Doe", "ACME CERT", 90, new FixedTime(now));
        var written = ExaminerKeyGenerator.Write(generated, Work.File("jane.p12"), Passphrase);

        var text = OpenSsl.Run(Work.Path, "x509", "-in", written.CertificatePath, "-noout", "-text").Stdout;

        text.Should().Contain("Subject: CN = Jane Doe, O = ACME CERT")
            .And.Contain("Issuer: CN = Jane Doe, O = ACME CERT")
            .And.Contain("Version: 3 (0x2)")
            .And.Contain("ASN1 OID: prime256v1")
            .And.Contain("X509v3 Key Usage: critical\n                Digital Signature\n")
            .And.Contain("X509v3 Basic Constraints: critical\n                CA:FALSE")
            .And.Contain("X509v3 Subject Key Identifier:")
            .And.Contain("ecdsa-with-SHA256");
        generated.NotBefore.Should().BeCloseTo(now.AddMinutes(-5), TimeSpan.FromSeconds(1));
        generated.NotAfter.Should().BeCloseTo(now.AddDays(90), TimeSpan.FromSeconds(1));
        generated.Subject.Should().Be("CN=Jane Doe,O=ACME CERT");
    }

    [Fact]
    public void Two_generated_keys_have_different_serials_and_fingerprints()
    {
        var a = ExaminerKeyGenerator.Generate("J", "O", 1, TimeProvider.System);
        var b = ExaminerKeyGenerator.Generate("J", "O", 1, TimeProvider.System);

        a.Certificate.SerialNumber.Should().NotBe(b.Certificate.SerialNumber);
        a.Fingerprint.Should().NotBe(b.Fingerprint);
    }

    [Theory]
    [InlineData("jane.p12")]
    [InlineData("jane.crt")]
    public void Existing_files_are_never_overwritten(string existing)
    {
        var before = Work.Write(existing, "precious"u8.ToArray());
        var generated = ExaminerKeyGenerator.Generate("J", "O", 1, TimeProvider.System);

        var act = () => ExaminerKeyGenerator.Write(generated, Work.File("jane.p12"), Passphrase);

        act.Should().Throw<KeyException>().WithMessage($"The file {before} already exists and is never overwritten; choose another path or move the old file away.");
        File.ReadAllText(before).Should().Be("precious");
        Directory.GetFiles(Work.Path).Should().ContainSingle();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_p12_is_readable_only_by_its_owner()
    {
        var written = ExaminerKeyGenerator.Write(ExaminerKeyGenerator.Generate("J", "O", 1, TimeProvider.System), Work.File("j.p12"), Passphrase);

        File.GetUnixFileMode(written.Pkcs12Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void An_empty_passphrase_name_or_a_silly_validity_is_refused()
    {
        var generated = ExaminerKeyGenerator.Generate("J", "O", 1, TimeProvider.System);

        FluentActions.Invoking(() => ExaminerKeyGenerator.Write(generated, Work.File("j.p12"), string.Empty))
            .Should().Throw<KeyException>().WithMessage("The passphrase is empty; *");
        FluentActions.Invoking(() => ExaminerKeyGenerator.Generate(" ", "O", 1, TimeProvider.System))
            .Should().Throw<KeyException>().WithMessage("The examiner name is empty; *");
        FluentActions.Invoking(() => ExaminerKeyGenerator.Generate("J", "O", 0, TimeProvider.System))
            .Should().Throw<KeyException>().WithMessage("A certificate valid for 0 days is refused; *");
        Directory.GetFiles(Work.Path).Should().BeEmpty();
    }
}
