using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Custody;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Custody;

public sealed class CustodyChainTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    private string Event(string bundle, int n) => Path.Combine(bundle, CustodyPaths.Event(n));

    private string ChainOfThree()
    {
        var bundle = bundles.Collect();
        bundles.Add(bundle, "transfer", null, "examiner-rsa", "--to", "Lena Lawyer", "--reason", "for counsel", "--seal", "S-77")
            .ExitCode.Should().Be(0);
        bundles.Add(bundle, "receive", null, "examiner", "--from", "Tom Courier", "--location", "Room 4")
            .ExitCode.Should().Be(0);
        return bundle;
    }

    [Fact]
    public void A_sealed_bundle_with_two_added_events_is_a_valid_chain_of_three()
    {
        var bundle = ChainOfThree();

        var verify = bundles.Verify(bundle, "--trust", bundles.Root);
        var show = Run.Executable("evidencekit-verify", ["custody", "show", bundle, "--trust", bundles.Root, "--json"]);

        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.StdOut.Should().Contain("PASS  custody-chain").And.Contain("3 events from 1 without gaps");
        show.ExitCode.Should().Be(0, show.ToString());
        show.StdOut.Should().Contain("\"kind\": \"sealed\"").And.Contain("\"kind\": \"transfer\"").And.Contain("\"kind\": \"receive\"")
            .And.Contain("\"seal\": \"S-77\"").And.Contain("\"verdict\": \"VALID\"");
        var second = ManifestJsonOf(Event(bundle, 2));
        second.Previous.Should().ContainSingle().Which.Path.Should().Be(CustodyPaths.Event(1));
        second.Previous[0].Sha256.Should().Be(Sha256(Event(bundle, 1)));
        var first = ManifestJsonOf(Event(bundle, 1));
        first.Previous.Select(l => (l.Path, l.Sha256)).Should().Equal(
            (BundleLayout.ManifestJson, Sha256(Path.Combine(bundle, BundleLayout.ManifestJson))),
            (BundleLayout.ManifestSignature, Sha256(Path.Combine(bundle, BundleLayout.ManifestSignature))),
            (BundleLayout.VerifyTxt, Sha256(Path.Combine(bundle, BundleLayout.VerifyTxt))));
    }

    [Fact]
    public void Adding_an_event_writes_its_files_and_the_tag_manifest_and_nothing_else()
    {
        var bundle = bundles.Collect();
        var before = TreeSnapshot.Take(bundle);

        bundles.Add(bundle, "access", null, "examiner").ExitCode.Should().Be(0);

        var after = TreeSnapshot.Take(bundle);
        var changed = after.Where(f => !f.Value.StartsWith("d|", StringComparison.Ordinal))
            .Where(f => !before.TryGetValue(f.Key, out var old) || old != f.Value).Select(f => f.Key).Order(StringComparer.Ordinal);
        changed.Should().Equal(CustodyPaths.Event(2), CustodyPaths.Signature(2), BundleLayout.TagManifest);
        before.Keys.Should().BeSubsetOf(after.Keys);
    }

    [Fact]
    public void Every_event_signature_verifies_with_openssl_cms()
    {
        var bundle = ChainOfThree();

        foreach (var n in new[] { 1, 2, 3 })
        {
            var run = Run.Tool("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", Event(bundle, n) + ".p7s", "-content", Event(bundle, n),
                "-CAfile", bundles.Root, "-purpose", "any", "-out", "/dev/null"]);
            run.ExitCode.Should().Be(0, $"event {n}: {run}");
            run.StdErr.Should().Contain("Verification successful");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Editing_any_event_is_invalid_even_with_the_tag_manifest_rewritten(int n)
    {
        var bundle = ChainOfThree();
        var path = Event(bundle, n);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"time\": \"20", "\"time\": \"19", StringComparison.Ordinal));
        CustodyBundles.RewriteTagManifest(bundle);

        var verify = bundles.Verify(bundle, "--trust", bundles.Root);

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.StdOut.Should().Contain("FAIL  custody-chain").And.Contain("CMS message digest mismatch");
    }

    [Fact]
    public void Removing_a_middle_event_is_invalid_even_with_the_tag_manifest_rewritten()
    {
        var bundle = ChainOfThree();
        File.Delete(Event(bundle, 2));
        File.Delete(Event(bundle, 2) + ".p7s");
        CustodyBundles.RewriteTagManifest(bundle);

        var verify = bundles.Verify(bundle, "--trust", bundles.Root);

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.StdOut.Should().Contain("custody/events/000002.json is missing: the chain has a gap");
    }

    [Fact]
    public void Removing_the_last_event_is_invalid_unless_the_tag_manifest_is_forged_too()
    {
        var bundle = ChainOfThree();
        File.Delete(Event(bundle, 3));
        File.Delete(Event(bundle, 3) + ".p7s");

        var verify = bundles.Verify(bundle, "--trust", bundles.Root);

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.StdOut.Should().Contain("FAIL  tag-manifest").And.Contain("'custody/events/000003.json' is missing");
    }

    [Fact]
    public void Removing_every_event_is_invalid_because_the_signed_manifest_promises_event_1()
    {
        var bundle = ChainOfThree();
        Directory.Delete(Path.Combine(bundle, BundleLayout.EventsDir), recursive: true);
        CustodyBundles.RewriteTagManifest(bundle);

        var verify = bundles.Verify(bundle, "--trust", bundles.Root);

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.StdOut.Should().Contain("FAIL  custody-chain").And.Contain("there are no custody events");
    }

    [Fact]
    public void Reordering_events_is_invalid_even_with_the_tag_manifest_rewritten()
    {
        var bundle = ChainOfThree();
        foreach (var suffix in new[] { "", ".p7s" })
        {
            File.Move(Event(bundle, 2) + suffix, Event(bundle, 9) + suffix);
            File.Move(Event(bundle, 3) + suffix, Event(bundle, 2) + suffix);
            File.Move(Event(bundle, 9) + suffix, Event(bundle, 3) + suffix);
        }
        CustodyBundles.RewriteTagManifest(bundle);

        var verify = bundles.Verify(bundle, "--trust", bundles.Root);

        verify.ExitCode.Should().Be(1, verify.ToString());
        verify.StdOut.Should().Contain("sequence is 3, but the file is number 2");
    }

    [Fact]
    public void An_event_signed_by_an_untrusted_key_makes_the_bundle_untrusted()
    {
        var bundle = bundles.Collect();
        bundles.Add(bundle, "receive", null, "unrelated").ExitCode.Should().Be(0);

        var verify = bundles.Verify(bundle, "--trust", bundles.Root);

        verify.ExitCode.Should().Be(3, verify.ToString());
        verify.StdOut.Should().Contain("WARN  custody-chain").And.NotContain("FAIL");
        verify.StdOut.Should().Contain("custody/events/000002.json.p7s ('Unrelated Examiner'): not trusted by your policy");
    }

    [Fact]
    public void Custody_add_refuses_an_invalid_bundle_and_writes_nothing()
    {
        var bundle = bundles.Collect();
        File.AppendAllText(Path.Combine(bundle, "data/var/log/nginx/access.log"), "forged line\n");
        var before = TreeSnapshot.Take(bundle);

        var add = bundles.Add(bundle, "transfer", null, "examiner");

        add.ExitCode.Should().Be(1, add.ToString());
        add.StdErr.Should().Contain("refusing to add a custody event").And.Contain("INVALID").And.Contain("payload-files");
        TreeSnapshot.Take(bundle).Should().Equal(before);
    }

    [Fact]
    public void Custody_add_records_the_verification_it_ran_first()
    {
        var bundle = bundles.Collect();

        var add = bundles.Add(bundle, "verify", null, "examiner", "--json");

        add.ExitCode.Should().Be(0, add.ToString());
        var added = ManifestJsonOf(Event(bundle, 2));
        added.Kind.Should().Be("verify");
        added.Verification!.Verdict.Should().Be("VALID");
        added.Verification.Files.Should().Be(3);
        added.Verification.EventsBefore.Should().Be(1);
        added.Actor.CertificateSha256.Should().Be(Fingerprint(bundles.Key("examiner")[..^4] + ".crt"));
    }

    private static CustodyEvent ManifestJsonOf(string path) => Core.Bundles.Manifest.ManifestJson.FromUtf8<CustodyEvent>(File.ReadAllBytes(path));

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private static string Fingerprint(string pemCertificate) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(pemCertificate)).RawData));
}
