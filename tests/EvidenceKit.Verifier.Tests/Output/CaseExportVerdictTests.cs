using EvidenceKit.Verifier.Tests.Custody;

namespace EvidenceKit.Verifier.Tests.Output;

/// <summary>The CASE export of a bundle that is not VALID is refused with the verdict's exit code, unless --force, and then records the verdict.</summary>
public sealed class CaseExportVerdictTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    [Fact]
    public void The_export_of_an_INVALID_bundle_is_refused_with_exit_1_and_nothing_is_written()
    {
        var bundle = ReportBundles.Tampered(bundles);
        var path = Path.Combine(bundles.NewDirectory("case"), "case.jsonld");

        var run = bundles.Verify(bundle, "--trust", bundles.Root, "--case-export", path);

        run.ExitCode.Should().Be(1, run.ToString());
        run.StdErr.Should().Contain($"CASE export refused: the bundle is INVALID (exit 1), so {path} was not written; give --force");
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void A_forced_export_of_an_INVALID_bundle_records_the_verdict_and_never_says_verified_VALID()
    {
        var bundle = ReportBundles.Tampered(bundles);
        var path = Path.Combine(bundles.NewDirectory("case"), "case.jsonld");

        var run = bundles.Verify(bundle, "--trust", bundles.Root, "--case-export", path, "--force");

        run.ExitCode.Should().Be(1, run.ToString());
        var export = File.ReadAllText(path);
        export.Should().Contain("verdict INVALID (exit 1). Do not rely on this bundle as it is").And.Contain("Failed: payload-files");
        export.Should().NotContain("verified VALID").And.NotContain("VALID at").And.NotContain("verdict VALID");
    }

    [Fact]
    public void The_export_of_an_UNTRUSTED_bundle_is_refused_with_exit_3_and_a_forced_one_says_UNTRUSTED()
    {
        var bundle = bundles.Collect();
        var refusedPath = Path.Combine(bundles.NewDirectory("case"), "case.jsonld");
        var forcedPath = Path.Combine(bundles.NewDirectory("case"), "case.jsonld");

        var refused = bundles.Verify(bundle, "--case-export", refusedPath);
        var forced = bundles.Verify(bundle, "--case-export", forcedPath, "--force");

        refused.ExitCode.Should().Be(3, refused.ToString());
        File.Exists(refusedPath).Should().BeFalse();
        forced.ExitCode.Should().Be(3, forced.ToString());
        var export = File.ReadAllText(forcedPath);
        export.Should().Contain("verdict UNTRUSTED (exit 3)").And.Contain("Not proven: signer-trust");
        export.Should().NotContain("verdict VALID").And.NotContain("whose certificate this verifier trusts");
    }

    [Fact]
    public void Force_without_a_case_export_is_a_usage_error()
    {
        var run = bundles.Verify(bundles.Collect(), "--force");

        run.ExitCode.Should().Be(2);
        run.StdErr.Should().Contain("--force only applies to --case-export.");
    }
}
