using EvidenceKit.Core.Text;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// Bundles made by the real collector, checked by the real verifier, cross-checked with sha256sum and openssl:
/// the verifier agrees on clean bundles and is never more lenient on tampered ones.
/// </summary>
public sealed class CollectorBundleCrossCheckTests : SourceAndTargetTest, IClassFixture<TestPki>
{
    private readonly TestPki _pki;

    public CollectorBundleCrossCheckTests(TestPki pki)
        : base("crosscheck")
    {
        _pki = pki;
        Source.Write("var/log/nginx/access.log", "203.0.113.9 GET /wp-login.php 404\n");
        Source.Write("var/log/nginx/access.log.1", "198.51.100.7 POST /upload.php 200\n");
        Source.Write("var/log/syslog", "Nov 24 web01 sshd: Accepted password for root\n");
    }

    private string Collect(bool prosecution)
    {
        var args = new List<string> { "--profile", "linux-web-nginx", "--root", Source.Path, "--target", Target.Path, "--case", "X-1" };
        if (prosecution)
        {
            args.AddRange(["--mode", "prosecution", "--examiner", "Test Examiner", "--key", _pki.File("examiner.p12")]);
        }
        var run = Run.Executable("evidencekit-collect", args, environment: new Dictionary<string, string?> { ["EVIDENCEKIT_KEY_PASSPHRASE"] = TestPki.Passphrase });
        run.ExitCode.Should().Be(0, run.ToString());
        return Directory.GetDirectories(Target.Path).Single();
    }

    private static int Verify(string bundle, params string[] args) => Run.Executable("evidencekit-verify", [bundle, .. args]).ExitCode;

    private static int Sha256sum(string bundle) => Run.Tool("sha256sum", ["-c", "--strict", "--quiet", "manifest-sha256.txt"], workingDirectory: bundle).ExitCode;

    private int OpensslCms(string bundle) => Run.Tool("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", "custody/manifest.json.p7s",
        "-content", "custody/manifest.json", "-CAfile", _pki.File("root-ca.crt"), "-purpose", "any", "-out", "/dev/null"], workingDirectory: bundle).ExitCode;

    [Fact]
    public void A_clean_analysis_bundle_is_valid_and_sha256sum_agrees()
    {
        var bundle = Collect(prosecution: false);

        Verify(bundle).Should().Be(0);
        Sha256sum(bundle).Should().Be(0);
        Verify(bundle, "--require-signature").Should().Be(3, "an analysis bundle is unsigned");
    }

    [Fact]
    public void A_clean_prosecution_bundle_is_valid_with_the_examiner_trusted_and_openssl_agrees()
    {
        var bundle = Collect(prosecution: true);

        Verify(bundle, "--trust", _pki.File("root-ca.crt")).Should().Be(0);
        OpensslCms(bundle).Should().Be(0);
        Sha256sum(bundle).Should().Be(0);
        Verify(bundle).Should().Be(3, "nobody is trusted without --trust");
        Verify(bundle, "--trust", _pki.File("unrelated.crt")).Should().Be(3, "another examiner's certificate does not make this one trusted");
        var fingerprint = Run.Tool("openssl", ["x509", "-in", _pki.File("examiner.crt"), "-noout", "-fingerprint", "-sha256"]).StdOut.Trim().Split('=')[1];
        Verify(bundle, "--trust-fingerprint", fingerprint).Should().Be(0);
    }

    [Fact]
    public void A_changed_byte_in_manifest_json_is_invalid_for_the_verifier_and_for_openssl()
    {
        var bundle = Collect(prosecution: true);
        var path = Path.Combine(bundle, "custody/manifest.json");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("\"X-1\"", "\"X-2\"", StringComparison.Ordinal));

        OpensslCms(bundle).Should().NotBe(0);
        Verify(bundle, "--trust", _pki.File("root-ca.crt")).Should().Be(1);
    }

    [Fact]
    public void A_payload_change_with_recomputed_bag_manifests_passes_sha256sum_but_not_the_verifier()
    {
        var bundle = Collect(prosecution: true);
        var payload = Path.Combine(bundle, "data/var/log/syslog");
        File.WriteAllText(payload, "Nov 24 web01 sshd: nothing to see here\n");
        var manifestLines = File.ReadAllLines(Path.Combine(bundle, "manifest-sha256.txt"))
            .Select(l => l.EndsWith("  data/var/log/syslog", StringComparison.Ordinal) ? $"{Hex.Sha256(File.ReadAllBytes(payload))}  data/var/log/syslog" : l);
        File.WriteAllText(Path.Combine(bundle, "manifest-sha256.txt"), string.Join('\n', manifestLines) + "\n");
        var tagLines = File.ReadAllLines(Path.Combine(bundle, "tagmanifest-sha256.txt"))
            .Select(l => l.EndsWith("  manifest-sha256.txt", StringComparison.Ordinal) ? $"{Hex.Sha256(File.ReadAllBytes(Path.Combine(bundle, "manifest-sha256.txt")))}  manifest-sha256.txt" : l);
        File.WriteAllText(Path.Combine(bundle, "tagmanifest-sha256.txt"), string.Join('\n', tagLines) + "\n");

        Sha256sum(bundle).Should().Be(0, "the forger recomputed the bag manifests");
        OpensslCms(bundle).Should().Be(0, "manifest.json itself was not touched");
        Verify(bundle, "--trust", _pki.File("root-ca.crt")).Should().Be(1, "the signed manifest.json still holds the original hash");
    }

    [Fact]
    public void A_flipped_payload_byte_fails_sha256sum_and_the_verifier()
    {
        var bundle = Collect(prosecution: false);
        var payload = Path.Combine(bundle, "data/var/log/nginx/access.log");
        var bytes = File.ReadAllBytes(payload);
        bytes[0] ^= 1;
        File.WriteAllBytes(payload, bytes);

        Sha256sum(bundle).Should().NotBe(0);
        Verify(bundle).Should().Be(1);
    }
}
