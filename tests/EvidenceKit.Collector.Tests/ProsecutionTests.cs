using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>Prosecution mode end to end: refusals, a signed manifest that stock openssl verifies, no secret leaks.</summary>
public sealed class ProsecutionTests : SourceAndTargetTest, IClassFixture<TestPki>
{
    private readonly TestPki _pki;

    public ProsecutionTests(TestPki pki)
        : base("prosecution")
    {
        _pki = pki;
        Source.Write("var/log/nginx/access.log", "198.51.100.7 - - \"POST /shell.php\" 200\n");
        Source.Write("var/log/syslog", "Nov 24 03:12:45 web01 kernel: boot\n");
    }

    private ProcessResult Collect(string? key, string passphrase = TestPki.Passphrase, params string[] extra)
    {
        var args = new List<string> { "--profile", "linux-web-nginx", "--root", Source.Path, "--target", Target.Path, "--mode", "prosecution" };
        if (key is not null)
        {
            args.AddRange(["--key", key]);
        }
        args.AddRange(extra);
        return Run.Executable("evidencekit-collect", args, environment: new Dictionary<string, string?> { ["EVIDENCEKIT_KEY_PASSPHRASE"] = passphrase });
    }

    private ProcessResult CollectSigned(params string[] extra) =>
        Collect(_pki.File("examiner.p12"), TestPki.Passphrase, ["--case", "IR-7", "--examiner", "Test Examiner", "--org", "ACME CSIRT", .. extra]);

    private string Bundle() => Directory.GetDirectories(Target.Path).Single();

    [Fact]
    public void A_prosecution_bundle_is_signed_so_that_openssl_cms_verify_accepts_it_and_rejects_a_changed_byte()
    {
        var run = CollectSigned();

        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Bundle();
        var verify = Run.Tool("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", "custody/manifest.json.p7s",
            "-content", "custody/manifest.json", "-CAfile", _pki.File("root-ca.crt"), "-purpose", "any", "-out", "/dev/null"], workingDirectory: bundle);
        verify.ExitCode.Should().Be(0, verify.ToString());
        Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: bundle).ExitCode.Should().Be(0);

        var manifestPath = Path.Combine(bundle, BundleLayout.ManifestJson);
        var bytes = File.ReadAllBytes(manifestPath);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(manifestPath, bytes);
        var tampered = Run.Tool("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", "custody/manifest.json.p7s",
            "-content", "custody/manifest.json", "-CAfile", _pki.File("root-ca.crt"), "-purpose", "any", "-out", "/dev/null"], workingDirectory: bundle);
        tampered.ExitCode.Should().NotBe(0);
    }

    [Fact]
    public void The_manifest_records_examiner_fingerprint_host_and_a_verified_copy_hash_for_every_file()
    {
        var run = CollectSigned("--incident-owner", "CISO", "--contact", "soc@example.org", "--severity", "high", "--reason", "web shell", "--hash", "sha1,md5");

        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Bundle();
        var manifest = BundleRecords.Manifest(bundle);
        manifest.Mode.Should().Be("prosecution");
        manifest.Case.Should().BeEquivalentTo(new CaseRecord { Id = "IR-7", IncidentOwner = "CISO", PointOfContact = "soc@example.org", Severity = "high", Reason = "web shell" });
        var fingerprint = Run.Tool("openssl", ["x509", "-in", _pki.File("examiner.crt"), "-noout", "-fingerprint", "-sha256"]).StdOut;
        manifest.Examiner!.CertificateSha256.Should().Be(fingerprint.Trim().Split('=')[1].Replace(":", "").ToLowerInvariant());
        manifest.Examiner.Name.Should().Be("Test Examiner");
        manifest.Host.Hostname.Should().NotBeNullOrEmpty();
        manifest.HashAlgorithms.Should().Equal("sha256", "sha1", "md5");
        manifest.Files.Should().NotBeEmpty().And.OnlyContain(f => f.VerifiedCopySha256 == f.Sha256 && f.Sha1 != null && f.Md5 != null && f.Ctime != null);
        var sha1 = Run.Tool("sha1sum", [Source.Combine("var/log/syslog")]).StdOut[..40];
        manifest.Files.Single(f => f.SourcePath == "/var/log/syslog").Sha1.Should().Be(sha1);
        File.ReadAllText(Path.Combine(bundle, BundleLayout.VerifyTxt)).Should().Contain("openssl cms -verify -binary -inform DER -in custody/manifest.json.p7s");
    }

    [Fact]
    public void The_passphrase_appears_in_no_output_log_or_bundle_file()
    {
        var run = CollectSigned("--verbose");

        run.ExitCode.Should().Be(0, run.ToString());
        run.StdOut.Should().NotContain(TestPki.Passphrase);
        run.StdErr.Should().NotContain(TestPki.Passphrase);
        Run.Tool("grep", ["-r", "-l", TestPki.Passphrase, Bundle()]).ExitCode.Should().Be(1, "grep finds the passphrase in no bundle file");
    }

    [Theory]
    [InlineData(null, "Dana", "examiner.p12", TestPki.Passphrase, "--case")]
    [InlineData("IR-7", "Dana", "examiner.p12", TestPki.Passphrase, "\"Test Examiner\"")]
    [InlineData("IR-7", "Dana", null, TestPki.Passphrase, "--key")]
    [InlineData("IR-7", "Dana", "examiner.p12", "wrong-passphrase", "passphrase")]
    [InlineData("IR-7", "Dana", "expired.p12", TestPki.Passphrase, "expired")]
    [InlineData("IR-7", "Dana", "no-digital-signature.p12", TestPki.Passphrase, "digitalSignature")]
    [InlineData("IR-7", "Dana", "missing.p12", TestPki.Passphrase, "does not exist")]
    public void Prosecution_refuses_to_start_without_what_it_needs(string? caseId, string? examiner, string? key, string passphrase, string expected)
    {
        var extra = new List<string>();
        if (caseId is not null)
        {
            extra.AddRange(["--case", caseId]);
        }
        if (examiner is not null)
        {
            extra.AddRange(["--examiner", examiner]);
        }

        var run = Collect(key is null ? null : _pki.File(key), passphrase, [.. extra]);

        run.ExitCode.Should().Be(2, run.ToString());
        run.StdErr.Should().Contain(expected);
        run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1, "one line says what is missing");
        run.StdErr.Should().NotContain(passphrase);
        Directory.EnumerateFileSystemEntries(Target.Path).Should().BeEmpty();
    }

    [Fact]
    public void Keygen_makes_a_key_that_signs_a_bundle_openssl_verifies_with_its_certificate()
    {
        using var keys = new TempDirectory("ek-keys-");
        var p12 = keys.Combine("dana.p12");
        var env = new Dictionary<string, string?> { ["EVIDENCEKIT_KEY_PASSPHRASE"] = "a-long-passphrase" };

        var keygen = Run.Executable("evidencekit-collect", ["keygen", "--examiner", "Dana Examiner", "--org", "ACME", "--out", p12], environment: env);

        keygen.ExitCode.Should().Be(0, keygen.ToString());
        var fingerprint = Run.Tool("openssl", ["x509", "-in", keys.Combine("dana.crt"), "-noout", "-fingerprint", "-sha256"]).StdOut.Trim().Split('=')[1];
        keygen.StdOut.Should().Contain(fingerprint);
        Run.Tool("openssl", ["pkcs12", "-in", p12, "-noout", "-passin", "env:EVIDENCEKIT_KEY_PASSPHRASE"], environment: env).ExitCode.Should().Be(0);

        var run = Collect(p12, "a-long-passphrase", "--case", "K-1", "--examiner", "Dana Examiner");
        run.ExitCode.Should().Be(0, run.ToString());
        var verify = Run.Tool("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", "custody/manifest.json.p7s",
            "-content", "custody/manifest.json", "-CAfile", keys.Combine("dana.crt"), "-purpose", "any", "-out", "/dev/null"], workingDirectory: Bundle());
        verify.ExitCode.Should().Be(0, verify.ToString());

        Run.Executable("evidencekit-collect", ["keygen", "--examiner", "X", "--org", "Y", "--out", p12], environment: env)
            .ExitCode.Should().Be(2, "keygen never overwrites a key");
    }
}
