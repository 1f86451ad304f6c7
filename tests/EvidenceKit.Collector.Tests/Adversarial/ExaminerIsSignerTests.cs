using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>
/// Bob collects with Dana's key and says he is Bob (or Dana says she is Bob): in prosecution the examiner recorded is
/// always the signing certificate's common name, and a different --examiner is refused before anything is written.
/// </summary>
public sealed class ExaminerIsSignerTests : IClassFixture<TestPki>, IDisposable
{
    private const string CertificateName = "Test Examiner";
    private const string CertificateOrganization = "EvidenceKit TEST ONLY";

    private readonly TestPki _pki;
    private readonly TempDirectory _root = new("ek-root-");
    private readonly TempDirectory _target = new("ek-target-");

    public ExaminerIsSignerTests(TestPki pki)
    {
        _pki = pki;
        _root.Write("var/log/nginx/access.log", "198.51.100.7 POST /shell.php\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        _target.Dispose();
    }

    private ProcessResult Collect(params string[] extra) => Run.Executable("evidencekit-collect",
        ["--profile", "linux-web-nginx", "--root", _root.Path, "--target", _target.Path, "--mode", "prosecution", "--case", "IR-8",
            "--key", _pki.Examiner, .. extra],
        environment: new Dictionary<string, string?> { ["EVIDENCEKIT_KEY_PASSPHRASE"] = TestPki.Passphrase });

    private (CustodyManifest Manifest, CustodyEvent Sealed) Bundle()
    {
        var bundle = Directory.GetDirectories(_target.Path).Single();
        var manifest = BundleRecords.Manifest(bundle);
        var sealedEvent = ManifestJson.FromUtf8<CustodyEvent>(File.ReadAllBytes(Path.Combine(bundle, CustodyPaths.Event(1))));
        return (manifest, sealedEvent);
    }

    [Theory]
    [InlineData("Bob Other")]
    [InlineData("Test")]
    [InlineData("Test Examiner RSA")]
    public void An_examiner_who_is_not_the_keys_certificate_is_refused_with_both_names_and_nothing_is_written(string claimed)
    {
        var run = Collect("--examiner", claimed);

        run.ExitCode.Should().Be(2, run.ToString());
        var lines = run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(run.ToString());
        lines[0].Should().Contain($"\"{claimed}\"").And.Contain($"\"{CertificateName}\"");
        Directory.EnumerateFileSystemEntries(_target.Path).Should().BeEmpty("nothing is written to the target");
    }

    [Fact]
    public void Without_examiner_the_certificates_common_name_and_organisation_are_recorded_and_seal_the_chain()
    {
        var run = Collect("--org", "ACME CSIRT");

        run.ExitCode.Should().Be(0, run.ToString());
        var (manifest, sealedEvent) = Bundle();
        manifest.Examiner!.Name.Should().Be(CertificateName);
        manifest.Examiner.Organization.Should().Be(CertificateOrganization, "the certificate's O wins over --org");
        manifest.Examiner.CertificateSubject.Should().Contain("CN=" + CertificateName);
        sealedEvent.Actor.Name.Should().Be(CertificateName);
        sealedEvent.Actor.CertificateSha256.Should().Be(manifest.Examiner.CertificateSha256);
    }

    [Theory]
    [InlineData("Test Examiner")]
    [InlineData("  test examiner ")]
    public void A_matching_examiner_name_is_accepted_and_recorded_as_the_certificate_spells_it(string typed)
    {
        var run = Collect("--examiner", typed);

        run.ExitCode.Should().Be(0, run.ToString());
        var (manifest, sealedEvent) = Bundle();
        manifest.Examiner!.Name.Should().Be(CertificateName);
        sealedEvent.Actor.Name.Should().Be(CertificateName);
    }

    [Fact]
    public void A_verified_bundle_names_the_signer_it_records()
    {
        Collect("--examiner", CertificateName).ExitCode.Should().Be(0);
        var bundle = Directory.GetDirectories(_target.Path).Single();

        var verify = Run.Executable("evidencekit-verify", [bundle, "--trust", _pki.RootCertificate]);

        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.StdOut.Should().Contain("CN=" + CertificateName);
        Bundle().Manifest.Examiner!.Name.Should().Be(CertificateName);
    }
}
