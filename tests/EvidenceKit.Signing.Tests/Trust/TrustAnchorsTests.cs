using EvidenceKit.Testing;
using EvidenceKit.Signing.Trust;
using EvidenceKit.Signing.Tests.Support;

namespace EvidenceKit.Signing.Tests.Trust;

[Collection(TestPkiCollection.Name)]
public sealed class TrustAnchorsTests(TestPki pki) : WorkFolderTest
{
    [Fact]
    public void PEM_and_DER_files_are_read_as_DER_certificates()
    {
        var der = Work.Write("root.der", pki.Der(pki.RootCertificate));

        var anchors = TrustAnchors.Load([pki.ExaminerCertificate, der]);

        anchors.Should().HaveCount(2);
        anchors[0].Should().Equal(pki.Der(pki.ExaminerCertificate));
        anchors[1].Should().Equal(pki.Der(pki.RootCertificate));
    }

    [Fact]
    public void A_PEM_bundle_yields_every_certificate_and_duplicates_once()
    {
        var bundle = Work.Write("bundle.pem", System.Text.Encoding.ASCII.GetBytes(
            "comment line\n" + File.ReadAllText(pki.RootCertificate) + File.ReadAllText(pki.TsaCertificate)));

        var anchors = TrustAnchors.Load([bundle, pki.RootCertificate]);

        anchors.Should().HaveCount(2);
    }

    [Fact]
    public void A_directory_contributes_its_certificate_files_only()
    {
        var directory = Directory.CreateDirectory(Work.File("trust")).FullName;
        File.Copy(pki.RootCertificate, Path.Combine(directory, "root.pem"));
        File.Copy(pki.UnrelatedCertificate, Path.Combine(directory, "unrelated.crt"));
        File.WriteAllText(Path.Combine(directory, "README.md"), "not a certificate");

        var anchors = TrustAnchors.Load([directory]);

        anchors.Should().HaveCount(2);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var missing = Work.File("missing.pem");

        FluentActions.Invoking(() => TrustAnchors.Load([missing])).Should().Throw<TrustAnchorException>()
            .WithMessage($"The trust anchor {missing} does not exist; *");
    }

    [Theory]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("just some text")]
    [InlineData("")]
    public void A_file_that_is_not_a_certificate_is_a_clear_error(string text)
    {
        var bad = Work.Write("bad.pem", System.Text.Encoding.ASCII.GetBytes(text));

        FluentActions.Invoking(() => TrustAnchors.Load([bad])).Should().Throw<TrustAnchorException>()
            .WithMessage($"The trust anchor {bad} is not an X.509 certificate in PEM or DER form; give a certificate file (e.g. ROOT.pem).");
    }

    [Fact]
    public void A_directory_without_certificates_is_a_clear_error()
    {
        var empty = Directory.CreateDirectory(Work.File("empty")).FullName;

        FluentActions.Invoking(() => TrustAnchors.Load([empty])).Should().Throw<TrustAnchorException>()
            .WithMessage($"The trust directory {empty} holds no certificate files *");
    }
}
