using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Verification;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// A dishonest handler adds to or rewrites the tag area of a signed bundle, strips its signature, or lets a custody
/// event name someone other than its signer: each is INVALID with a finding naming it.
/// </summary>
public sealed class CoverageTests
{
    private static (BundleBuilder Builder, FakeCms Cms, string Dir) Signed(bool legacy = false)
    {
        var cms = new FakeCms();
        var builder = new BundleBuilder().Prosecution(cms);
        if (legacy)
        {
            builder.LegacyV1();
        }
        return (builder, cms, builder.Build());
    }

    [Fact]
    public void A_signed_v2_bundle_has_every_tag_file_covered_and_is_valid()
    {
        var (builder, cms, dir) = Signed();
        using var _ = builder;

        var report = VerifierRun.Verify(dir, cms, cms.TrustingPolicy);

        report.Verdict.Should().Be(Verdict.Valid, string.Join("\n", report.Checks.Select(c => $"{c.Name} {c.Detail} {string.Join("|", c.Items)}")));
        report.Check(CheckNames.Coverage).Outcome.Should().Be(CheckOutcome.Pass);
        report.Statement.Should().BeNull();
        report.Facts!.Chain.Events.Should().ContainSingle();
    }

    [Fact]
    public void A_new_tag_manifest_for_an_unrecorded_algorithm_is_invalid()
    {
        var (builder, cms, dir) = Signed();
        using var _ = builder;
        builder.WriteText("tagmanifest-court-note.txt", "the examiner was drunk\n");

        var report = VerifierRun.Verify(dir, cms, cms.TrustingPolicy);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.Coverage).Items.Should().Contain(
            "'tagmanifest-court-note.txt' is a tag manifest for court-note, which custody/manifest.json does not record: no signature covers it");
    }

    [Fact]
    public void An_added_custody_statement_listed_in_the_tag_manifest_is_invalid()
    {
        var (builder, cms, dir) = Signed();
        using var _ = builder;
        builder.WriteText("custody/examiner-statement.txt", "I never touched it\n");
        builder.RewriteTagManifest();

        var report = VerifierRun.Verify(dir, cms, cms.TrustingPolicy);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.TagManifest).Outcome.Should().Be(CheckOutcome.Pass);
        report.Check(CheckNames.Coverage).Items.Should().Contain("'custody/examiner-statement.txt' is not covered by any signature")
            .And.Contain(i => i.StartsWith("tagmanifest-sha256.txt line", StringComparison.Ordinal) && i.EndsWith("lists 'custody/examiner-statement.txt', which no signature covers", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rewritten_verify_txt_with_its_tag_manifest_line_rehashed_is_invalid()
    {
        var (builder, cms, dir) = Signed();
        using var _ = builder;
        builder.WriteText(BundleLayout.VerifyTxt, "Everything is fine, no need to check anything.\n");
        builder.RewriteTagManifest();

        var report = VerifierRun.Verify(dir, cms, cms.TrustingPolicy);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.Coverage).Items.Should().Contain("'VERIFY.txt' is not covered by any signature");
    }

    [Fact]
    public void A_v1_bundle_sealed_before_the_rule_warns_about_its_unsigned_verify_txt()
    {
        var (builder, cms, dir) = Signed(legacy: true);
        using var _ = builder;

        var report = VerifierRun.Verify(dir, cms, cms.TrustingPolicy);

        report.Verdict.Should().Be(Verdict.Untrusted);
        report.Check(CheckNames.Coverage).Outcome.Should().Be(CheckOutcome.Warn);
        report.Check(CheckNames.Coverage).Items.Should().Contain("'VERIFY.txt' is not covered by any signature");
    }

    [Fact]
    public void A_stripped_signed_bundle_relabelled_analysis_is_invalid_not_valid()
    {
        // Given a signed bundle whose signature, events and prosecution label are removed and the tag manifest re-hashed
        var (builder, _, dir) = Signed();
        using var __ = builder;
        File.Delete(builder.PathOf(BundleLayout.ManifestSignature));
        Directory.Delete(builder.PathOf(BundleLayout.EventsDir), recursive: true);
        builder.WriteText(BundleLayout.ManifestJson, builder.ReadText(BundleLayout.ManifestJson).Replace("\"prosecution\"", "\"analysis\"", StringComparison.Ordinal));
        builder.RewriteTagManifest();

        var report = VerifierRun.Verify(dir);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.Signature).Detail.Should().StartWith("Unsigned, but the bundle carries what only a signed bundle has");
        report.Check(CheckNames.Signature).Items.Should().Contain(i => i.StartsWith("custody/manifest.json names an examiner signing certificate", StringComparison.Ordinal));
    }

    [Fact]
    public void An_event_whose_actor_is_not_its_signer_breaks_the_chain()
    {
        // Given event 1 re-made with actor "Dana Examiner" but signed by the examiner (CN=Test Examiner)
        var (builder, cms, dir) = Signed();
        using var _ = builder;
        var original = ManifestJson.FromUtf8<CustodyEvent>(File.ReadAllBytes(builder.PathOf(CustodyPaths.Event(1))));
        var forged = ManifestJson.ToUtf8(original with { Actor = original.Actor with { Name = "Dana Examiner" } });
        builder.WriteBytes(CustodyPaths.Event(1), forged);
        builder.WriteBytes(CustodyPaths.Signature(1), cms.SignDetached(forged));
        builder.RewriteTagManifest();

        var report = VerifierRun.Verify(dir, cms, cms.TrustingPolicy);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.CustodyChain).Items.Should().Contain(
            "custody/events/000001.json: its actor is 'Dana Examiner', but it is signed by 'Test Examiner' (the certificate's common name): an event names its signer");
    }

    [Fact]
    public void Deleting_the_custody_manifest_does_not_turn_a_bundle_into_a_plain_bag()
    {
        var (builder, cms, dir) = Signed();
        using var _ = builder;
        File.Delete(builder.PathOf(BundleLayout.ManifestJson));
        builder.RewriteTagManifest();

        var report = VerifierRun.Verify(dir, cms, cms.TrustingPolicy);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.PlainBag.Should().BeFalse();
        report.Check(CheckNames.CustodyManifest).Detail.Should().Be("custody/manifest.json is missing.");
    }

    [Fact]
    public void A_percent_encoded_path_in_an_evidence_bundle_is_invalid_because_sha256sum_reads_it_literally()
    {
        using var builder = new BundleBuilder().WithFile("data/var/log/100%.log", "x\n");
        var dir = builder.Build();
        var text = builder.ReadText(BundleLayout.PayloadManifest).Replace("data/var/log/100%.log", "data/var/log/100%25.log", StringComparison.Ordinal);
        builder.WriteText(BundleLayout.PayloadManifest, text);

        var report = VerifierRun.Verify(dir);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.SafePaths).Items.Should().ContainSingle(i => i.Contains("'data/var/log/100%25.log' is percent-encoded"));
        VerifierRun.Sha256sumStrict(dir).Should().NotBe(0);
    }
}
