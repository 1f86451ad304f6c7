using EvidenceKit.Testing;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Signing.Cms;
using EvidenceKit.Signing.Keys;
using EvidenceKit.Signing.Tests.Support;

namespace EvidenceKit.Signing.Tests.Cms;

[Collection(TestPkiCollection.Name)]
public sealed class CmsSignatureVerifierTests : WorkFolderTest
{
    private static readonly byte[] Content = "{\"schema\":1,\"case\":{\"id\":\"IR-7\"}}\n"u8.ToArray();

    private readonly TestPki _pki;
    private readonly CmsSignatureVerifier _verifier = new(TimeProvider.System);
    private readonly LoadedKey _examiner;
    private readonly byte[] _signature;

    public CmsSignatureVerifierTests(TestPki pki)
    {
        _pki = pki;
        _examiner = Pkcs12KeyLoader.Load(pki.Examiner, TestPki.Passphrase, TimeProvider.System);
        _signature = _examiner.Signer.SignDetached(Content);
    }

    [Fact]
    public void A_signature_is_valid_and_trusted_when_the_signer_certificate_is_an_anchor()
    {
        var result = _verifier.Verify(Content, _signature, Policy(anchors: [_examiner.CertificateDer]));

        result.SignatureValid.Should().BeTrue();
        result.Trusted.Should().BeTrue();
        result.Detail.Should().Be("CMS signature valid; signer certificate is a trust anchor");
        result.Signer!.CertificateSha256.Should().Be(_examiner.Identity.CertificateSha256);
        result.SigningTime.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(2));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void A_signature_is_trusted_by_a_pinned_fingerprint_in_any_case_with_or_without_colons(bool upper, bool colons)
    {
        var pin = colons ? _examiner.Fingerprint : _examiner.Identity.CertificateSha256;
        pin = upper ? pin.ToUpperInvariant() : pin.ToLowerInvariant();

        var result = _verifier.Verify(Content, _signature, Policy(pins: [pin]));

        result.Should().Match<SignatureVerification>(r => r.SignatureValid && r.Trusted);
        result.Detail.Should().Be("CMS signature valid; signer trusted by pinned fingerprint");
    }

    [Fact]
    public void A_signature_is_trusted_when_the_signer_chains_to_the_root_CA()
    {
        var result = _verifier.Verify(Content, _signature, Policy(anchors: [_pki.Der(_pki.RootCertificate)]));

        result.Should().Match<SignatureVerification>(r => r.SignatureValid && r.Trusted);
        result.Detail.Should().Be("CMS signature valid; signer chains to trust anchor O=EvidenceKit TEST ONLY,CN=EvidenceKit Test Root CA");
    }

    [Fact]
    public void A_chain_is_not_trusted_when_the_root_is_not_yet_valid_at_the_validation_time()
    {
        var policy = Policy(anchors: [_pki.Der(_pki.RootCertificate)]) with { ValidationTime = DateTimeOffset.UtcNow.AddYears(-3) };

        var result = _verifier.Verify(Content, _signature, policy);

        result.SignatureValid.Should().BeTrue();
        result.Trusted.Should().BeFalse();
        result.Detail.Should().StartWith("CMS signature valid; signer not trusted: its certificate is not valid at ");
    }

    [Fact]
    public void A_signature_is_valid_but_untrusted_for_an_unrelated_anchor()
    {
        var result = _verifier.Verify(Content, _signature, Policy(anchors: [_pki.Der(_pki.UnrelatedCertificate)]));

        result.SignatureValid.Should().BeTrue();
        result.Trusted.Should().BeFalse();
        result.Detail.Should().Be("CMS signature valid; signer not trusted: its certificate neither chains to a trust anchor nor matches a pinned fingerprint");
    }

    [Fact]
    public void A_signature_is_valid_but_untrusted_when_the_policy_names_nobody()
    {
        var result = _verifier.Verify(Content, _signature, TrustPolicy.None);

        result.Should().Match<SignatureVerification>(r => r.SignatureValid && !r.Trusted);
        result.Detail.Should().Be("CMS signature valid; signer not trusted: no trust anchor or pinned fingerprint was given");
    }

    [Fact]
    public void A_certificate_carried_in_the_signature_is_never_trusted_by_itself()
    {
        // Given an unrelated examiner who signs, and an unrelated anchor whose fingerprint is pinned
        var unrelated = Pkcs12KeyLoader.Load(_pki.Unrelated, TestPki.Passphrase, TimeProvider.System);
        var signature = unrelated.Signer.SignDetached(Content);

        // When the policy trusts only the test root and the examiner's pin
        var result = _verifier.Verify(Content, signature, Policy([_pki.Der(_pki.RootCertificate)], [_examiner.Fingerprint]));

        // Then the self-signed certificate in the CMS does not make itself trusted
        result.SignatureValid.Should().BeTrue();
        result.Trusted.Should().BeFalse();
    }

    [Fact]
    public void A_signature_is_invalid_when_one_byte_of_the_content_changed()
    {
        var changed = Content.ToArray();
        changed[^2] ^= 0x20;

        var result = _verifier.Verify(changed, _signature, Policy(anchors: [_examiner.CertificateDer]));

        result.Should().Be(new SignatureVerification(false, false, null, null, SignatureDetails.DigestMismatch));
        result.Detail.Should().Be("CMS message digest mismatch");
    }

    [Fact]
    public void Garbage_empty_and_truncated_signatures_are_invalid_without_throwing()
    {
        var policy = Policy(anchors: [_examiner.CertificateDer]);

        _verifier.Verify(Content, "not a signature at all"u8, policy).Detail.Should().Be(SignatureDetails.NotDerCms);
        _verifier.Verify(Content, [], policy).Detail.Should().Be(SignatureDetails.Empty);
        _verifier.Verify(Content, _signature.AsSpan(0, _signature.Length - 1), policy).Detail.Should().Be(SignatureDetails.NotDerCms);
        _verifier.Verify(Content, _signature.AsSpan(0, _signature.Length / 2), policy).Detail.Should().Be(SignatureDetails.NotDerCms);
        _verifier.Verify(Content, [.. _signature, 0x00], policy).Detail.Should().Be(SignatureDetails.NotDerCms);
        _verifier.Verify(Content, _examiner.CertificateDer, policy).SignatureValid.Should().BeFalse();
    }

    [Fact]
    public void A_bit_flip_anywhere_never_throws_never_changes_the_signer_and_always_breaks_the_signer_info()
    {
        var policy = Policy(anchors: [_examiner.CertificateDer]);
        for (var i = 0; i < _signature.Length; i++)
        {
            var flipped = _signature.ToArray();
            flipped[i] ^= 0x01;

            var result = _verifier.Verify(Content, flipped, policy);

            // Bytes of the carried root certificate are not covered by the signature; everything else is.
            if (result.SignatureValid)
            {
                result.Signer!.CertificateSha256.Should().Be(_examiner.Identity.CertificateSha256, $"byte {i} was flipped");
            }

            if (i >= _signature.Length - 64)
            {
                result.SignatureValid.Should().BeFalse($"byte {i} lies in the signature value");
            }
        }
    }

    [Theory]
    [InlineData("sha1", "examiner")]
    [InlineData("sha1", "examiner-rsa")]
    [InlineData("md5", "examiner-rsa")]
    public void A_signature_made_by_openssl_with_a_weak_digest_is_rejected(string digest, string examiner)
    {
        var signature = OpensslSignAs(examiner, "-md", digest);

        var result = _verifier.Verify(Content, signature, Policy(anchors: [_pki.Der(_pki.RootCertificate)]));

        result.SignatureValid.Should().BeFalse();
        result.Detail.Should().Be("CMS digest algorithm is not accepted (only SHA-256, SHA-384 and SHA-512 are)");
    }

    [Fact]
    public void A_signature_made_by_openssl_with_sha256_is_valid_and_trusted()
    {
        var result = _verifier.Verify(Content, OpensslSign("-md", "sha256"), Policy(anchors: [_pki.Der(_pki.RootCertificate)]));

        result.Should().Match<SignatureVerification>(r => r.SignatureValid && r.Trusted);
    }

    [Fact]
    public void A_signature_with_two_signers_is_invalid()
    {
        var result = _verifier.Verify(Content, OpensslSign("-md", "sha256", "-signer", _pki.UnrelatedCertificate, "-inkey", _pki.File("unrelated.key")), TrustPolicy.None);

        result.Detail.Should().Be(SignatureDetails.SeveralSigners);
    }

    [Fact]
    public void A_signature_with_the_content_inside_is_not_accepted_as_detached()
    {
        var result = _verifier.Verify(Content, OpensslSign("-md", "sha256", "-nodetach"), TrustPolicy.None);

        result.Detail.Should().Be(SignatureDetails.NotDetached);
    }

    [Fact]
    public void A_signature_without_signed_attributes_is_invalid()
    {
        var result = _verifier.Verify(Content, OpensslSign("-md", "sha256", "-noattr"), TrustPolicy.None);

        result.Detail.Should().Be(SignatureDetails.NoSignedAttributes);
    }

    [Fact]
    public void A_CMS_message_that_is_not_SignedData_is_invalid()
    {
        Work.Write("content", Content);
        var encrypted = OpenSsl.Run(Work.Path, "cms", "-encrypt", "-binary", "-in", "content", "-outform", "DER", "-out", "enveloped.der", "-aes256", _pki.ExaminerCertificate);
        encrypted.ExitCode.Should().Be(0, encrypted.Output);

        var result = _verifier.Verify(Content, File.ReadAllBytes(Work.File("enveloped.der")), TrustPolicy.None);

        result.Detail.Should().Be(SignatureDetails.NotSignedData);
    }

    private byte[] OpensslSign(params string[] extra) => OpensslSignAs("examiner", extra);

    private byte[] OpensslSignAs(string examiner, params string[] extra)
    {
        Work.Write("content", Content);
        string[] arguments =
        [
            "cms", "-sign", "-binary", "-in", "content", "-signer", _pki.File(examiner + ".crt"), "-inkey", _pki.File(examiner + ".key"),
            "-outform", "DER", "-out", "openssl.p7s", .. extra,
        ];
        var result = OpenSsl.Run(Work.Path, arguments);
        result.ExitCode.Should().Be(0, result.Output);
        return File.ReadAllBytes(Work.File("openssl.p7s"));
    }

    private static TrustPolicy Policy(IReadOnlyList<byte[]>? anchors = null, IReadOnlyList<string>? pins = null) =>
        new(anchors ?? [], pins ?? []);
}
