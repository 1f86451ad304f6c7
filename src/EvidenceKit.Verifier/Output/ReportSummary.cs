using System.Globalization;
using System.Text;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using static EvidenceKit.Verifier.Output.HtmlText;

namespace EvidenceKit.Verifier.Output;

/// <summary>The custody report's plain-language summary: what was collected, from which machine, by whom, when, and what the check proves.</summary>
internal static class ReportSummary
{
    public static void Write(StringBuilder html, BundleDossier d)
    {
        html.Append("<h2>Summary</h2>\n");
        if (d.Manifest is { } m)
        {
            html.Append("<p>").Append(Collected(m)).Append("</p>\n");
            html.Append("<p>").Append(Method(m)).Append("</p>\n");
            if (m.Skipped.Count + m.Excluded.Count > 0)
            {
                html.Append("<p>").Append(E(string.Create(CultureInfo.InvariantCulture,
                    $"{m.Skipped.Count + m.Excluded.Count} files named by the collection plan were not collected; they are listed under Files not collected."))).Append("</p>\n");
            }
        }
        else
        {
            html.Append("<p>").Append(d.Report.Mode is null && d.Report.Verdict is Core.Verification.Verdict.Valid
                ? "This is a plain BagIt bag with no custody record, so what was collected, from where and by whom is not recorded."
                : "The custody record (custody/manifest.json) could not be read, so what was collected, from where and by whom cannot be stated.").Append("</p>\n");
        }

        html.Append("<p>On ").Append(Time(d.VerifiedAt)).Append(", evidencekit-verify ").Append(E(d.VerifierVersion))
            .Append(" checked the bundle with the result <b>").Append(E(ReportText.Verdict(d.Report.Verdict))).Append("</b>.");
        var proven = VerdictWords.Proven(d);
        html.Append(proven.Count == 0 ? " It established none of the facts below.</p>\n" : " It established:</p>\n<ul>\n");
        foreach (var fact in proven)
        {
            html.Append("<li>").Append(E(fact)).Append("</li>\n");
        }
        if (proven.Count > 0)
        {
            html.Append("</ul>\n");
        }
        var open = VerdictWords.NotEstablished(d);
        if (open.Count > 0)
        {
            html.Append("<p>Not established:</p>\n<ul>\n");
            foreach (var item in open)
            {
                html.Append("<li>").Append(E(item)).Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("<p class=\"caption\">Every check and its exact findings are in ").Append(E(CustodyReportHtml.AppendixChecks))
            .Append("; the commands to repeat the check without EvidenceKit are in ").Append(E(CustodyReportHtml.AppendixCommands)).Append(".</p>\n");
    }

    /// <summary>"According to its custody record, this bundle holds 3 files (1,234 bytes) copied from the machine web1 (...) by ... between ... and ..., for case ...".</summary>
    private static string Collected(CustodyManifest m)
    {
        var text = new StringBuilder("According to its custody record, this bundle holds ");
        var count = m.Records?.Count ?? m.Files.Count;
        var bytes = m.Records?.PayloadBytes ?? m.Files.Sum(f => f.Size);
        text.Append(E(string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? "file" : "files")} ({bytes:N0} bytes)")));
        if (Present(m.Host.Hostname) is { } host)
        {
            text.Append(" copied from the machine <b>").Append(E(host)).Append("</b>");
            var about = new[] { Present(m.Host.Fqdn) is { } fqdn && fqdn != host ? fqdn : null, Present(m.Host.Os) }.OfType<string>().ToList();
            if (about.Count > 0)
            {
                text.Append(" (").Append(E(string.Join(", ", about))).Append(')');
            }
        }
        else
        {
            text.Append(" copied from a machine whose name was not recorded");
        }
        if (m.Examiner is { } examiner && Present(examiner.Name) is { } name)
        {
            text.Append(" by <b>").Append(E(name)).Append("</b>");
            if (Present(examiner.Organization) is { } org)
            {
                text.Append(" of ").Append(E(org));
            }
        }
        var started = ReportTime.Parse(m.Started);
        var finished = ReportTime.Parse(m.Finished);
        if (started is { } from && finished is { } to)
        {
            text.Append(" between ").Append(Time(from)).Append(" and ").Append(Time(to));
        }
        else if ((started ?? finished) is { } when)
        {
            text.Append(" on ").Append(Time(when));
        }
        if (Present(m.Case.Id) is { } caseId)
        {
            text.Append(", for case <b>").Append(E(caseId)).Append("</b>");
            if (Present(m.Case.Reason) is { } reason)
            {
                text.Append(" (").Append(E(reason)).Append(')');
            }
        }
        return text.Append('.').ToString();
    }

    private static string Method(CustodyManifest m)
    {
        var target = Present(m.Target.Location) is { } location ? $" The copies were written to {m.Target.Kind} {location}." : "";
        return E(CollectionModes.Parse(m.Mode) == CollectionMode.Prosecution
            ? "It was collected in prosecution mode: each file was hashed (SHA-256) while it was read from the source, and re-read and re-hashed where it was written." + target
            : $"It was collected in {m.Mode} mode: each file was hashed (SHA-256) while it was read from the source." + target);
    }

    private static string? Present(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
