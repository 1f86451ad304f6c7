using System.Net;
using System.Net.Sockets;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Custody;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Custody;

[Trait("Category", "Network")]
public sealed class TimestampTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    private string TsaCertificate => Path.Combine(bundles.Pki, "tsa.crt");

    [Fact]
    public void A_prosecution_collection_with_tsa_saves_a_token_that_openssl_and_the_verifier_accept()
    {
        using var tsa = TsaServer.WithOpenSsl(bundles.Pki, bundles.NewDirectory("tsa"));

        var bundle = bundles.Collect("--tsa", tsa.Url.ToString());

        var token = Path.Combine(bundle, BundleLayout.ManifestTimestamp);
        File.Exists(token).Should().BeTrue();
        tsa.Requests.Should().Be(1);
        var openssl = Run.Tool("openssl", ["ts", "-verify", "-data", Path.Combine(bundle, BundleLayout.ManifestSignature), "-in", token,
            "-token_in", "-CAfile", bundles.Root]);
        openssl.ExitCode.Should().Be(0, openssl.ToString());
        openssl.StdOut.Should().Contain("Verification: OK");
        var verify = bundles.Verify(bundle, "--trust", bundles.Root, "--tsa-trust", bundles.Root);
        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.StdOut.Should().Contain("PASS  timestamp");
    }

    [Fact]
    public void A_token_from_an_authority_nobody_trusts_makes_the_bundle_untrusted()
    {
        using var tsa = TsaServer.WithOpenSsl(bundles.Pki, bundles.NewDirectory("tsa"));
        var bundle = bundles.Collect("--tsa", tsa.Url.ToString());

        var verify = bundles.Verify(bundle, "--trust", bundles.Root);

        verify.ExitCode.Should().Be(3, verify.ToString());
        verify.StdOut.Should().Contain("WARN  timestamp").And.Contain("--tsa-trust");
    }

    [Fact]
    public void A_token_that_does_not_cover_the_signature_is_invalid()
    {
        using var tsa = TsaServer.WithOpenSsl(bundles.Pki, bundles.NewDirectory("tsa"));
        var first = bundles.Collect("--tsa", tsa.Url.ToString());
        var second = bundles.Collect("--tsa", tsa.Url.ToString());
        File.Copy(Path.Combine(first, BundleLayout.ManifestTimestamp), Path.Combine(second, BundleLayout.ManifestTimestamp), overwrite: true);
        CustodyBundles.RewriteTagManifest(second);

        var verify = bundles.Verify(second, "--trust", bundles.Root, "--tsa-trust", TsaCertificate);

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.StdOut.Should().Contain("FAIL  timestamp").And.Contain("imprint does not match");
    }

    [Fact]
    public void A_tsa_that_is_down_fails_a_prosecution_run_unless_tsa_optional()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var deadUrl = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/tsa";
        probe.Stop();

        var failed = bundles.TryCollect(out var failedTarget, "--tsa", deadUrl);
        var optional = bundles.TryCollect(out var optionalTarget, "--tsa", deadUrl, "--tsa-optional");

        failed.ExitCode.Should().Be(1, failed.ToString());
        Directory.GetDirectories(failedTarget).Should().OnlyContain(d => d.EndsWith(BundleLayout.PartialSuffix, StringComparison.Ordinal));
        optional.ExitCode.Should().Be(0, optional.ToString());
        var sealedBundle = Directory.GetDirectories(optionalTarget).Single();
        File.Exists(Path.Combine(sealedBundle, BundleLayout.ManifestTimestamp)).Should().BeFalse();
        bundles.Verify(sealedBundle, "--trust", bundles.Root).ExitCode.Should().Be(0);
    }

    [Fact]
    public void Custody_add_with_tsa_timestamps_the_event_signature()
    {
        using var tsa = TsaServer.WithOpenSsl(bundles.Pki, bundles.NewDirectory("tsa"));
        var bundle = bundles.Collect();

        var add = bundles.Add(bundle, "transfer", null, "examiner", "--tsa", tsa.Url.ToString());

        add.ExitCode.Should().Be(0, add.ToString());
        var token = Path.Combine(bundle, CustodyPaths.Timestamp(2));
        File.Exists(token).Should().BeTrue();
        Run.Tool("openssl", ["ts", "-verify", "-data", Path.Combine(bundle, CustodyPaths.Signature(2)), "-in", token, "-token_in", "-CAfile", bundles.Root])
            .ExitCode.Should().Be(0);
        bundles.Verify(bundle, "--trust", bundles.Root, "--tsa-trust", bundles.Root).ExitCode.Should().Be(0);
        var untrustedTsa = bundles.Verify(bundle, "--trust", bundles.Root);
        untrustedTsa.ExitCode.Should().Be(3, untrustedTsa.ToString());
        untrustedTsa.StdOut.Should().Contain("time-stamp authority not trusted");
    }
}
