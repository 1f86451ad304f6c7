using EvidenceKit.Testing;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests;

public sealed class BundleVerifierTests
{
    [Fact]
    public void A_clean_analysis_bundle_is_valid_and_said_to_be_unsigned()
    {
        using var builder = new BundleBuilder().WithSplitFile("data/var/log/big.log", "a\n", "b\n");
        var dir = builder.Build();

        var report = VerifierRun.Verify(dir);

        report.Verdict.Should().Be(Verdict.Valid);
        Cli.ExitCodes.Of(report.Verdict).Should().Be(0);
        report.Checks.Should().NotContain(c => c.Outcome == CheckOutcome.Fail || c.Outcome == CheckOutcome.Warn);
        report.Mode.Should().Be("analysis");
        report.Signed.Should().BeFalse();
        report.Check(CheckNames.Signature).Detail.Should().Be(VerificationStatements.Unsigned + ".");
        report.IntegrityOnly.Should().BeTrue();
        report.Statement.Should().Be("unsigned: this proves the files match their manifest, not who collected them or when");
        report.Figures.Files.Should().Be(5);
        report.Figures.Bytes.Should().Be(new DirectoryInfo(builder.PathOf("data")).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length));
        VerifierRun.Sha256sumStrict(dir).Should().Be(0);
    }

    [Fact]
    public void A_clean_prosecution_bundle_signed_by_a_pinned_examiner_is_valid()
    {
        var cms = new FakeCms();
        using var builder = new BundleBuilder().Prosecution(cms);
        var dir = builder.Build();

        var report = VerifierRun.Verify(dir, cms, cms.TrustingPolicy);

        report.Verdict.Should().Be(Verdict.Valid);
        report.Checks.Should().NotContain(c => c.Outcome == CheckOutcome.Fail || c.Outcome == CheckOutcome.Warn);
        report.Signed.Should().BeTrue();
        report.Signer!.Subject.Should().Be(cms.Identity.Subject);
        report.Check(CheckNames.SignerTrust).Outcome.Should().Be(CheckOutcome.Pass);
        VerifierRun.Sha256sumStrict(dir).Should().Be(0);
    }

    [Fact]
    public void A_signed_bundle_without_any_trust_given_is_untrusted()
    {
        var cms = new FakeCms();
        using var builder = new BundleBuilder().Prosecution(cms);
        var dir = builder.Build();

        var report = VerifierRun.Verify(dir, cms, TrustPolicy.None);

        report.Verdict.Should().Be(Verdict.Untrusted);
        Cli.ExitCodes.Of(report.Verdict).Should().Be(3);
        report.Check(CheckNames.Signature).Outcome.Should().Be(CheckOutcome.Pass);
        report.Check(CheckNames.SignerTrust).Outcome.Should().Be(CheckOutcome.Warn);
        report.Check(CheckNames.SignerTrust).Detail.Should().Contain("no trust anchor or pinned fingerprint was given");
    }

    [Fact]
    public void A_bundle_signed_by_someone_else_than_the_examiner_it_names_is_invalid()
    {
        var examiner = new FakeCms();
        var impostor = new FakeCms("CN=Impostor");
        using var builder = new BundleBuilder().Prosecution(examiner);
        var dir = builder.Build();
        builder.WriteBytes(BundleLayout.ManifestSignature, impostor.SignDetached(File.ReadAllBytes(builder.PathOf(BundleLayout.ManifestJson))));
        builder.RewriteTagManifest();

        var report = VerifierRun.Verify(dir, examiner, impostor.TrustingPolicy);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.Signature).Detail.Should().Contain("is not the examiner certificate");
    }

    [Fact]
    public void An_unsigned_bundle_is_untrusted_when_a_signature_is_required()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();

        var report = VerifierRun.Verify(dir, requireSignature: true);

        report.Verdict.Should().Be(Verdict.Untrusted);
        report.Check(CheckNames.Signature).Outcome.Should().Be(CheckOutcome.Warn);
    }

    [Fact]
    public void A_partial_bundle_is_incomplete_and_lists_its_finished_files()
    {
        using var builder = new BundleBuilder().Partial();
        var dir = builder.Build();
        File.AppendAllText(builder.PathOf(BundleLayout.Journal), "{\"id\":\"E0000");

        var report = VerifierRun.Verify(dir);

        report.Verdict.Should().Be(Verdict.Incomplete);
        Cli.ExitCodes.Of(report.Verdict).Should().Be(3);
        report.Partial.Should().BeTrue();
        report.FinishedFiles.Should().BeEquivalentTo("data/var/log/syslog", "data/var/log/nginx/access.log", "data/var/log/empty.log");
        report.Check(CheckNames.Sealed).Outcome.Should().Be(CheckOutcome.Warn);
        report.Check(CheckNames.Journal).Items.Should().ContainSingle(i => i.Contains("incomplete last line"));
    }

    [Fact]
    public void A_partial_bundle_whose_finished_file_was_altered_is_invalid()
    {
        using var builder = new BundleBuilder().Partial();
        var dir = builder.Build();
        File.AppendAllText(builder.PathOf("data/var/log/syslog"), "x");

        var report = VerifierRun.Verify(dir);

        report.Verdict.Should().Be(Verdict.Invalid);
        report.Check(CheckNames.Journal).Outcome.Should().Be(CheckOutcome.Fail);
    }

    [Fact]
    public void Custody_events_that_are_not_custody_events_break_the_chain()
    {
        using var builder = new BundleBuilder().WithCustodyEvents();
        var dir = builder.Build();

        var report = VerifierRun.Verify(dir);

        report.Verdict.Should().Be(Verdict.Invalid);
        var chain = report.Check(CheckNames.CustodyChain);
        chain.Outcome.Should().Be(CheckOutcome.Fail);
        chain.Items.Should().Contain(i => i.StartsWith("custody/events/000001.json is malformed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_directory_that_is_not_a_bundle_is_an_error()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "notes.txt"), "hello");

        var report = VerifierRun.Verify(temp.Path);

        report.Verdict.Should().Be(Verdict.Error);
        Cli.ExitCodes.Of(report.Verdict).Should().Be(2);
        report.Check(CheckNames.Bundle).Detail.Should().Contain("is not an evidence bundle");
    }

    [Fact]
    public void A_path_that_does_not_exist_is_an_error()
    {
        using var temp = new TempDirectory();

        var report = VerifierRun.Verify(Path.Combine(temp.Path, "nope"));

        report.Verdict.Should().Be(Verdict.Error);
        report.Check(CheckNames.Bundle).Detail.Should().EndWith("does not exist.");
    }

    [Fact]
    public void Other_BagIt_legal_manifest_line_forms_are_accepted()
    {
        // Given a manifest rewritten with one space, a binary marker, upper-case hex and CRLF line ends
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var lines = builder.ReadText(BundleLayout.PayloadManifest).TrimEnd('\n').Split('\n');
        var forms = lines.Select((l, i) => (i % 3) switch
        {
            0 => l[..64].ToUpperInvariant() + " " + l[66..],
            1 => l[..64] + " *" + l[66..],
            _ => l,
        });
        builder.WriteText(BundleLayout.PayloadManifest, string.Join("\r\n", forms) + "\r\n");

        // When verified, the payload checks pass (the tag files now differ, as they must)
        var report = VerifierRun.Verify(dir);

        report.Check(CheckNames.PayloadManifest).Outcome.Should().Be(CheckOutcome.Pass);
        report.Check(CheckNames.PayloadFiles).Outcome.Should().Be(CheckOutcome.Pass);
        report.Check(CheckNames.CustodyFiles).Outcome.Should().Be(CheckOutcome.Pass);
    }

    [Fact]
    public void The_verifier_writes_nothing_into_the_bundle()
    {
        var cms = new FakeCms();
        using var builder = new BundleBuilder().Prosecution(cms).WithCustodyEvents();
        var dir = builder.Build();
        var before = builder.Snapshot();

        VerifierRun.Verify(dir, cms, cms.TrustingPolicy);

        builder.Snapshot().Should().Equal(before);
    }
}
