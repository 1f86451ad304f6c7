using System.Text;
using EvidenceKit.Core.Verification;
using static EvidenceKit.Verifier.Output.HtmlText;

namespace EvidenceKit.Verifier.Output;

/// <summary>
/// The custody report for counsel: one self-contained, printable HTML page (inline CSS, no scripts, no external
/// resources). It opens with the verdict and what it means, then a plain-language summary, the evidence (case,
/// machine, files, chain of custody), a certification form only for a VALID bundle, and the technical detail in
/// appendices. Every value taken from the bundle is HTML-encoded, so a file named with markup shows as text.
/// </summary>
internal static class CustodyReportHtml
{
    /// <summary>The headings of the appendices, named where the text refers to them.</summary>
    public const string AppendixChecks = "Appendix A. Verification checks and technical details";

    /// <summary>The heading of the appendix with the commands an independent expert runs.</summary>
    public const string AppendixCommands = "Appendix B. How an independent expert checks this bundle";

    public static string Render(BundleDossier d)
    {
        var m = d.Manifest;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Append("<title>Evidence custody report ").Append(E(m?.Case.Id ?? d.BundleName)).Append("</title>\n");
        html.Append("<style>").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n");

        html.Append("<h1>Evidence custody report</h1>\n<p class=\"sub\">");
        if (m is not null)
        {
            html.Append("Case <b>").Append(E(m.Case.Id)).Append("</b> &middot; ");
        }
        html.Append("bundle <span class=\"path\">").Append(E(d.BundleName)).Append("</span> &middot; checked ").Append(Time(d.VerifiedAt))
            .Append(" by <span class=\"nw\">evidencekit-verify ").Append(E(d.VerifierVersion)).Append("</span></p>\n");

        Verdict(html, d);
        ReportSummary.Write(html, d);
        if (m is not null)
        {
            ReportEvidence.Case(html, m);
            ReportEvidence.Files(html, m);
            ReportEvidence.NotCollected(html, m);
        }
        ReportEvidence.Chain(html, d);
        ReportCertification.Write(html, d);
        ReportAppendix.Checks(html, d);
        ReportAppendix.Commands(html, d);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Verdict(StringBuilder html, BundleDossier d)
    {
        var (title, meaning) = VerdictWords.Headline(d);
        var verdict = ReportText.Verdict(d.Report.Verdict);
        html.Append("<div class=\"verdict v-").Append(verdict.ToLowerInvariant()).Append("\">\n<div class=\"title\">").Append(E(title)).Append("</div>\n<p>")
            .Append(E(meaning)).Append("</p>\n");
        if (d.Report.Verdict is not Core.Verification.Verdict.Valid)
        {
            var open = d.Report.Checks.Where(c => c.Outcome is CheckOutcome.Fail or CheckOutcome.Warn).ToList();
            if (open.Count > 0)
            {
                html.Append("<ul>");
                foreach (var check in open)
                {
                    html.Append("<li><span class=\"").Append(check.Outcome == CheckOutcome.Fail ? "fail\">Failed" : "warn\">Not proven").Append("</span>: ")
                        .Append(E(check.Detail)).Append(" <span class=\"caption\">(check ").Append(E(check.Name)).Append(")</span></li>");
                }
                html.Append("</ul>\n");
            }
        }
        html.Append("</div>\n");
    }
}
