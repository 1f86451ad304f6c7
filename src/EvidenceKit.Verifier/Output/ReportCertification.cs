using System.Text;
using EvidenceKit.Core.Verification;
using static EvidenceKit.Verifier.Output.HtmlText;

namespace EvidenceKit.Verifier.Output;

/// <summary>The custody report's certification form, offered only for a VALID bundle: a form for a bundle that did not verify would certify what is not so.</summary>
internal static class ReportCertification
{
    public static void Write(StringBuilder html, BundleDossier d)
    {
        html.Append("<h2>Certification</h2>\n");
        if (d.Report.Verdict != Verdict.Valid || d.Manifest is not { } m)
        {
            html.Append("<p>No certification form is given: the bundle is <b>").Append(E(ReportText.Verdict(d.Report.Verdict)))
                .Append("</b>").Append(d.Manifest is null ? " and has no readable custody record" : "").Append(", so its contents cannot be certified from this verification.</p>\n");
            return;
        }
        var host = string.IsNullOrWhiteSpace(m.Host.Hostname) ? "the source machine" : $"the machine {m.Host.Hostname}";
        html.Append("<div class=\"statement\">\n");
        html.Append("<p>I, the undersigned, certify that I am qualified by my training and experience to give this certification, and that:</p>\n<ol>\n");
        html.Append("<li>").Append(E($"The data described in this report was copied from {host} by a process of digital identification: each file was read "
            + $"and its SHA-256 hash value computed at the time of copying, and the hash values listed under {ReportEvidence.FilesHeading} are those of the copied files.")).Append("</li>\n");
        html.Append("<li>On ").Append(Time(d.VerifiedAt)).Append(" the copies were verified with evidencekit-verify ").Append(E(d.VerifierVersion))
            .Append(", with the result <b>").Append(E(VerdictWords.Headline(d).Title))
            .Append("</b>: a matching hash value shows that a copy is identical to the data as it was acquired.</li>\n");
        if (!VerdictWords.SignedAndTrusted(d.Report))
        {
            html.Append("<li>").Append(E("The bundle is " + VerdictWords.Unsigned)).Append("</li>\n");
        }
        html.Append("<li>The custody record and every custody event were made at or near the time of the acts they record, by or from information transmitted by persons with knowledge of those acts, ")
            .Append("were kept in the course of a regularly conducted activity, and making such records was a regular practice of that activity.</li>\n");
        html.Append("</ol>\n<p>This certification is given in the spirit of U.S. Federal Rules of Evidence 902(14) (data copied from an electronic device, identified by a process of digital identification) ")
            .Append("and 902(11) (records of a regularly conducted activity). I declare under penalty of perjury that the foregoing is true and correct.</p>\n");
        foreach (var label in new[] { "Signature", "Printed name and title", "Organization", "Date and place" })
        {
            html.Append("<div class=\"line\"></div><div class=\"caption\">").Append(label).Append("</div>\n");
        }
        html.Append("</div>\n");
    }
}
