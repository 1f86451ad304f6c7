using EvidenceKit.Core.Verification;
using EvidenceKit.Testing;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Signing.Timestamps;
using EvidenceKit.Signing.Tests.Support;

namespace EvidenceKit.Signing.Tests.Timestamps;

[Collection(TestPkiCollection.Name)]
public sealed class TimestampTokenVerifierTests : WorkFolderTest
{
    private static readonly byte[] Data = "signature bytes to be time-stamped"u8.ToArray();

    private readonly TestPki _pki;
    private readonly TimestampTokenVerifier _verifier = new(TimeProvider.System);
    private readonly DateTimeOffset _requested = DateTimeOffset.UtcNow;
    private readonly byte[] _token;
    private readonly byte[] _response;

    public TimestampTokenVerifierTests(TestPki pki)
    {
        _pki = pki;
        byte[]? response = null;
        using (var server = new TsaServer(query => (200, response = TsaServer.OpenSslReply(pki, Work.Path, query))))
        using (var timestamper = new Rfc3161Timestamper(server.Url, TimeSpan.FromSeconds(30)))
        {
            _token = timestamper.TimestampAsync(Data, CancellationToken.None).GetAwaiter().GetResult();
        }

        _response = response!;
    }

    [Fact]
    public void A_token_from_the_test_TSA_is_valid_and_trusted_through_the_root()
    {
        var result = _verifier.Verify(_token, Data, new TrustPolicy([_pki.Der(_pki.RootCertificate)], []));

        result.Valid.Should().BeTrue(result.Detail);
        result.Trusted.Should().BeTrue(result.Detail);
        result.Detail.Should().Be("time-stamp valid; TSA chains to trust anchor O=EvidenceKit TEST ONLY,CN=EvidenceKit Test Root CA");
        result.GenTime.Should().BeCloseTo(_requested, TimeSpan.FromMinutes(1));
        result.GenTime!.Value.Offset.Should().Be(TimeSpan.Zero);
        result.AuthoritySubject.Should().Be("CN=EvidenceKit Test TSA,O=EvidenceKit TEST ONLY");
        result.AuthorityCertificateSha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_pki.Der(_pki.TsaCertificate))));
    }

    [Fact]
    public void A_whole_time_stamp_response_is_accepted_as_well_as_the_bare_token()
    {
        var result = _verifier.Verify(_response, Data, new TrustPolicy([], [Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(_pki.Der(_pki.TsaCertificate)))]));

        result.Should().Match<TimestampVerification>(r => r.Valid && r.Trusted);
        result.Detail.Should().Be("time-stamp valid; TSA trusted by pinned fingerprint");
    }

    [Fact]
    public void A_token_is_valid_but_untrusted_without_a_matching_anchor()
    {
        _verifier.Verify(_token, Data, TrustPolicy.None).Should().Match<TimestampVerification>(r => r.Valid && !r.Trusted);
        _verifier.Verify(_token, Data, new TrustPolicy([_pki.Der(_pki.UnrelatedCertificate)], []))
            .Should().Match<TimestampVerification>(r => r.Valid && !r.Trusted);
    }

    [Fact]
    public void A_token_over_other_data_is_invalid()
    {
        var other = Data.ToArray();
        other[0] ^= 0x01;

        var result = _verifier.Verify(_token, other, new TrustPolicy([_pki.Der(_pki.RootCertificate)], []));

        result.Valid.Should().BeFalse();
        result.Trusted.Should().BeFalse();
        result.Detail.Should().Be("time-stamp imprint does not match the data");
    }

    [Fact]
    public void Garbage_empty_and_truncated_tokens_are_invalid_without_throwing()
    {
        var policy = new TrustPolicy([_pki.Der(_pki.RootCertificate)], []);

        _verifier.Verify("garbage"u8, Data, policy).Detail.Should().Be(TimestampTokenVerifier.NotToken);
        _verifier.Verify([], Data, policy).Detail.Should().Be(TimestampTokenVerifier.NotToken);
        _verifier.Verify(_token.AsSpan(0, _token.Length - 3), Data, policy).Detail.Should().Be(TimestampTokenVerifier.NotToken);
        _verifier.Verify(_pki.Der(_pki.RootCertificate), Data, policy).Valid.Should().BeFalse();
    }

    [Fact]
    public void A_bit_flip_in_the_token_signature_makes_it_invalid()
    {
        var policy = new TrustPolicy([_pki.Der(_pki.RootCertificate)], []);
        for (var i = _token.Length - 64; i < _token.Length; i++)
        {
            var flipped = _token.ToArray();
            flipped[i] ^= 0x01;

            _verifier.Verify(flipped, Data, policy).Valid.Should().BeFalse($"byte {i} lies in the signature value");
        }
    }

    [Fact]
    public void A_CMS_signature_by_a_certificate_without_timeStamping_usage_is_not_a_valid_token()
    {
        var examiner = EvidenceKit.Signing.Keys.Pkcs12KeyLoader.Load(_pki.Examiner, TestPki.Passphrase, TimeProvider.System);

        var result = _verifier.Verify(examiner.Signer.SignDetached(Data), Data, new TrustPolicy([_pki.Der(_pki.RootCertificate)], []));

        result.Valid.Should().BeFalse();
    }
}
