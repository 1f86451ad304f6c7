using System.Text.RegularExpressions;
using EvidenceKit.Verifier.Output;
using EvidenceKit.Verifier.Tests.Custody;

namespace EvidenceKit.Verifier.Tests.Output;

/// <summary>The custody report never claims what did not pass: its first lines are the verdict and what that verdict means.</summary>
public sealed class CustodyReportVerdictTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    private (int ExitCode, string Html, string Text) Report(string bundle, params string[] extra)
    {
        var path = Path.Combine(bundles.NewDirectory("report"), "custody.html");
        var run = bundles.Verify([bundle, "--report", path, .. extra]);
        File.Exists(path).Should().BeTrue(run.ToString());
        var html = File.ReadAllText(path);
        return (run.ExitCode, html, ReportBundles.Text(html));
    }

    [Fact]
    public void A_forged_unsigned_bundle_is_reported_as_unsigned_and_never_as_signed_or_trusted()
    {
        var (exit, _, text) = Report(ReportBundles.ForgedUnsigned(bundles));

        exit.Should().Be(0);
        Lead(text).Should().StartWith("VALID: unsigned").And.Contain("this proves the files match their manifest, not who collected them or when");
        text.Should().NotContainAny("signed and trusted", "whose certificate this verifier trusts", "valid, trusted", "signatures verify");
        text.Should().Contain("Not established: Who collected the files, from which machine and when: the bundle is " + VerdictWords.Unsigned);
        text.Should().Contain("by Forged Person").And.Contain("According to its custody record");
        text.Should().NotContain("openssl", "an unsigned bundle has no signature step to list");
    }

    [Fact]
    public void A_tampered_bundle_is_reported_INVALID_first_with_what_failed_and_no_certification()
    {
        var (exit, _, text) = Report(ReportBundles.Tampered(bundles), "--trust", bundles.Root);

        exit.Should().Be(1);
        Lead(text).Should().StartWith("INVALID Do not rely on this bundle as it is").And.Contain("Failed:");
        text.Should().NotContainAny("VALID: signed", "Each of the", "identical, byte for byte", "I, the undersigned, certify");
        text.Should().Contain("No certification form is given: the bundle is INVALID");
        text.Should().MatchRegex("Failed: [^.]*access.log|Failed: .*payload");
    }

    [Fact]
    public void A_bundle_checked_without_trust_anchors_is_reported_UNTRUSTED_and_never_as_trusted()
    {
        var (exit, _, text) = Report(bundles.Collect());

        exit.Should().Be(3);
        Lead(text).Should().StartWith("UNTRUSTED No change to the files was found, but not everything could be proven").And.Contain("Not proven:");
        text.Should().NotContainAny("signed and trusted", "whose certificate this verifier trusts", "I, the undersigned, certify");
        text.Should().Contain("No certification form is given: the bundle is UNTRUSTED");
    }

    [Fact]
    public void A_valid_signed_bundle_reads_verdict_then_summary_then_evidence_then_appendices_with_short_times_up_front()
    {
        var bundle = bundles.Collect();
        bundles.Add(bundle, "transfer", null, "examiner", "--to", "Lena Lawyer").ExitCode.Should().Be(0);

        var (exit, html, text) = Report(bundle, "--trust", bundles.Root);

        exit.Should().Be(0);
        Lead(text).Should().StartWith("VALID: signed and trusted Every collected file is present and unchanged");
        var order = new[] { "<div class=\"title\">VALID: signed and trusted<", "<h2>Summary<", "<h2>Collected files<", "<h2>Chain of custody<", "<h2>Certification<",
                $"<h2 class=\"appendix\">{CustodyReportHtml.AppendixChecks}<", $"<h2>{CustodyReportHtml.AppendixCommands}<" }
            .Select(h => html.IndexOf(h, StringComparison.Ordinal)).ToList();
        order.Should().NotContain(-1).And.BeInAscendingOrder();
        var main = text[..text.IndexOf(CustodyReportHtml.AppendixChecks + " Checks", StringComparison.Ordinal)];
        main.Should().MatchRegex(@"copied from the machine \S+ .*by Test Examiner of EvidenceKit TEST ONLY between \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC and");
        main.Should().NotMatchRegex(@"\d\d:\d\d:\d\d\.\d", "full-precision times belong in the appendix");
        main.Should().NotContain("PASS").And.NotContain("custody-manifest-files", "the check table belongs in the appendix");
        text.Should().MatchRegex(@"\d\d:\d\d:\d\d\.\d{7}Z", "the appendix keeps full precision");
        text.Should().NotMatchRegex(@"(?i)\bsection \d", "the report refers to sections by name");
        foreach (Match reference in Regex.Matches(text, @"Appendix [A-Z]\b"))
        {
            (html.Contains($"<h2 class=\"appendix\">{reference.Value}.", StringComparison.Ordinal) || html.Contains($"<h2>{reference.Value}.", StringComparison.Ordinal))
                .Should().BeTrue($"{reference.Value} is referred to, so it must exist");
        }
        text.Should().NotContain("openssl ts", "the bundle has no time-stamp, so no time-stamp step applies");
        text.Should().Contain("openssl cms -verify").And.Contain("for e in custody/events/*.json");
        text.Should().Contain("I, the undersigned, certify").And.Contain("listed under Collected files");
        html.Should().Contain("table-layout: fixed").And.Contain("@page { size: A4");
    }

    /// <summary>The text of the verdict box: what a reader sees first after the title line.</summary>
    private static string Lead(string text)
    {
        var start = text.IndexOf(" by evidencekit-verify ", StringComparison.Ordinal);
        start = text.IndexOf(' ', text.IndexOf("evidencekit-verify ", start + 1, StringComparison.Ordinal) + "evidencekit-verify ".Length) + 1;
        var end = text.IndexOf(" Summary ", start, StringComparison.Ordinal);
        return text[start..end];
    }
}
