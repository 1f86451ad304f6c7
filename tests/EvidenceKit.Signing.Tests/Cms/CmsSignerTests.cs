using EvidenceKit.Testing;
using EvidenceKit.Signing.Keys;
using EvidenceKit.Signing.Tests.Support;

namespace EvidenceKit.Signing.Tests.Cms;

[Collection(TestPkiCollection.Name)]
public sealed class CmsSignerTests(TestPki pki) : WorkFolderTest
{
    private static readonly DateTimeOffset SigningNow = DateTimeOffset.UtcNow.AddMinutes(1);


    [Theory]
    [InlineData("examiner.p12")]
    [InlineData("examiner-rsa.p12")]
    public void A_detached_signature_verifies_with_openssl_against_the_root_CA(string keyFile)
    {
        // Given a manifest signed with an examiner key issued by the test root
        var key = Pkcs12KeyLoader.Load(pki.File(keyFile), TestPki.Passphrase, new FixedTime(SigningNow));
        var data = Work.Write("manifest.json", "{\"case\":\"IR-1\"}\n"u8.ToArray());
        Work.Write("manifest.json.p7s", key.Signer.SignDetached(File.ReadAllBytes(data)));

        // When openssl verifies it
        var result = Verify("manifest.json", pki.RootCertificate);

        // Then it succeeds
        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("Verification successful");
    }

    [Fact]
    public void Openssl_rejects_the_signature_after_one_byte_of_content_changes()
    {
        // Given a signed manifest
        var key = Pkcs12KeyLoader.Load(pki.Examiner, TestPki.Passphrase, new FixedTime(SigningNow));
        var content = "{\"case\":\"IR-1\",\"files\":[]}\n"u8.ToArray();
        Work.Write("manifest.json.p7s", key.Signer.SignDetached(content));

        // When one byte changes
        content[3] ^= 0x01;
        Work.Write("manifest.json", content);
        var result = Verify("manifest.json", pki.RootCertificate);

        // Then openssl reports failure
        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("Verification failure");
    }

    [Fact]
    public void The_signature_carries_the_signed_attributes_the_design_names_and_the_injected_signing_time()
    {
        // Given a signature made at a known time
        var at = DateTimeOffset.UtcNow.AddDays(1);
        var signer = Pkcs12KeyLoader.Load(pki.Examiner, TestPki.Passphrase, new FixedTime(at)).Signer;
        Work.Write("sig.p7s", signer.SignDetached("x"u8));

        // When openssl prints the structure
        var printed = OpenSsl.Run(Work.Path, "cms", "-cmsout", "-print", "-inform", "DER", "-in", "sig.p7s");

        // Then it has contentType, messageDigest, signingTime (the injected time), signingCertificateV2,
        // SHA-256, no encapsulated content, and both the signer and the root certificate
        printed.ExitCode.Should().Be(0, printed.Output);
        printed.Stdout.Should().Contain("object: contentType")
            .And.Contain("object: messageDigest")
            .And.Contain("object: signingTime")
            .And.Contain(OpenSslUtcTime(at))
            .And.Contain("(1.2.840.113549.1.9.16.2.47)")
            .And.Contain("algorithm: sha256")
            .And.Contain("eContent: <ABSENT>")
            .And.Contain("CN=Test Examiner")
            .And.Contain("CN=EvidenceKit Test Root CA");
    }

    [Fact]
    public void The_signature_is_DER_so_reencoding_changes_nothing()
    {
        // Given a signature
        var key = Pkcs12KeyLoader.Load(pki.Examiner, TestPki.Passphrase, new FixedTime(SigningNow));
        var signature = key.Signer.SignDetached("evidence"u8);
        Work.Write("sig.p7s", signature);

        // When openssl decodes and re-encodes it as DER
        var result = OpenSsl.Run(Work.Path, "asn1parse", "-inform", "DER", "-in", "sig.p7s", "-out", "again.der", "-noout");

        // Then the bytes are the same
        result.ExitCode.Should().Be(0, result.Output);
        File.ReadAllBytes(Work.File("again.der")).Should().Equal(signature);
    }

    private static string OpenSslUtcTime(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return "UTCTIME:" + utc.ToString("MMM", invariant) + " " + utc.Day.ToString(invariant).PadLeft(2) + " " + utc.ToString("HH:mm:ss yyyy", invariant) + " GMT";
    }

    private OpenSsl.Result Verify(string content, string caFile) =>
        OpenSsl.Run(Work.Path, "cms", "-verify", "-binary", "-inform", "DER", "-in", "manifest.json.p7s",
            "-content", content, "-CAfile", caFile, "-purpose", "any", "-out", "/dev/null");
}
