using EvidenceKit.Signing.Certificates;
using EvidenceKit.Signing.Tests.Support;
using EvidenceKit.Testing;
using FluentAssertions;
using Xunit;

namespace EvidenceKit.Signing.Tests.Certificates;

/// <summary>
/// The person a certificate names is read from the certificate itself, once, for the collector, custody add and the
/// chain check alike: its only CN, or no one when it has none or several.
/// </summary>
public sealed class SignerNameTests : IDisposable
{
    private readonly TempDirectory _dir = new("ek-signer-name");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("/CN=Test Examiner/O=EvidenceKit TEST ONLY", "Test Examiner", "EvidenceKit TEST ONLY")]
    [InlineData("/O=ACME/CN=Erin Examiner", "Erin Examiner", "ACME")]
    [InlineData("/CN=Examiner, Erin/O=ACME", "Examiner, Erin", "ACME")]
    [InlineData("/CN=Erin;Dana,x=y\"q\"", "Erin;Dana,x=y\"q\"", null)]
    [InlineData("/O=No Common Name", null, "No Common Name")]
    [InlineData("/CN=Dana Examiner/CN=Erin Examiner", null, null)]
    public void The_common_name_is_the_subjects_only_CN_as_the_certificate_holds_it(string subject, string? commonName, string? organization)
    {
        var der = SelfSigned(subject);

        var identity = CertificateFacts.Identity(CertificateFacts.TryParse(der)!);

        identity.CommonName.Should().Be(commonName);
        identity.Organization.Should().Be(organization);
    }

    [Fact]
    public void A_typed_name_matches_after_trimming_and_ignoring_case_but_not_with_a_hidden_character()
    {
        var identity = CertificateFacts.Identity(CertificateFacts.TryParse(SelfSigned("/CN=Test Examiner"))!);

        identity.IsNamedBy("  test examiner ").Should().BeTrue();
        identity.IsNamedBy("Test\u200bExaminer").Should().BeFalse();
        identity.IsNamedBy("Test").Should().BeFalse();
    }

    private byte[] SelfSigned(string subject)
    {
        var name = Guid.NewGuid().ToString("N");
        var key = _dir.Combine(name + ".key");
        var cert = _dir.Combine(name + ".der");
        var run = OpenSsl.Run(_dir.Path, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-outform", "DER", "-out", cert, "-days", "1", "-utf8", "-subj", subject);
        run.ExitCode.Should().Be(0, run.Output);
        return File.ReadAllBytes(cert);
    }
}
