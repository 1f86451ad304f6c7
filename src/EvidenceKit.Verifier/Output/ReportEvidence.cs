using System.Globalization;
using System.Text;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Verification;
using static EvidenceKit.Verifier.Output.HtmlText;

namespace EvidenceKit.Verifier.Output;

/// <summary>The custody report's evidence sections: case, collected files, files not collected, chain of custody.</summary>
internal static class ReportEvidence
{
    /// <summary>The heading of the table of collected files, named by the certification.</summary>
    public const string FilesHeading = "Collected files";

    public static void Case(StringBuilder html, CustodyManifest m)
    {
        html.Append("<h2>Case, source machine and examiner</h2>\n");
        KeyValues(html,
        [
            ("Case id", m.Case.Id, null),
            ("Incident owner", m.Case.IncidentOwner, null),
            ("Point of contact", m.Case.PointOfContact, null),
            ("Severity", m.Case.Severity, null),
            ("Reason for collection", m.Case.Reason, null),
            ("Description", m.Case.Description, null),
            ("Machine (host name)", m.Host.Hostname, null),
            ("Full name (FQDN)", m.Host.Fqdn, null),
            ("Operating system", m.Host.Os, null),
            ("IP addresses", string.Join(", ", m.Host.IpAddresses), null),
            ("Examiner", m.Examiner?.Name, null),
            ("Organization", m.Examiner?.Organization, null),
            ("Collection started", ReportTime.Short(m.Started), null),
            ("Collection finished", ReportTime.Short(m.Finished), null),
            ("Copies written to", $"{m.Target.Kind} {m.Target.Location}{(m.Target.FileSystem is { } fs ? $" ({fs})" : "")}", null),
        ]);
    }

    public static void Files(StringBuilder html, CustodyManifest m)
    {
        html.Append("<h2>").Append(FilesHeading).Append("</h2>\n");
        html.Append("<p class=\"caption\">Each file's SHA-256 was taken from the bytes as read from the source machine. Modified is the original file's time.</p>\n");
        html.Append("<table class=\"small\"><colgroup><col style=\"width:12%\"><col style=\"width:31%\"><col style=\"width:12%\"><col style=\"width:15%\"><col style=\"width:30%\"></colgroup>\n");
        html.Append("<tr><th>Evidence id</th><th>Original path</th><th>Size (bytes)</th><th>Modified</th><th>SHA-256</th></tr>\n");
        foreach (var f in m.Files)
        {
            html.Append("<tr><td class=\"path\">").Append(E(f.Id)).Append("</td><td><span class=\"path\">").Append(E(f.SourcePath)).Append("</span>");
            if (f.BagPath != $"data{f.SourcePath}")
            {
                html.Append("<br><span class=\"caption\">in the bundle as </span><span class=\"path\">").Append(E(f.BagPath)).Append("</span>");
            }
            foreach (var note in f.Notes)
            {
                html.Append("<br><span class=\"warn\">").Append(E(note)).Append("</span>");
            }
            html.Append("</td><td class=\"num\">").Append(Number(f.Size)).Append("</td><td>").Append(Time(f.Mtime))
                .Append("</td><td class=\"hash\">").Append(E(f.Sha256)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
        if (Unlisted(m) is { } unlisted)
        {
            html.Append("<p class=\"caption\">").Append(E(unlisted)).Append("</p>\n");
        }
    }

    /// <summary>
    /// When a v3 bundle holds more records than the verifier keeps for the report, says how many are listed and where
    /// the rest are; null when every record is listed.
    /// </summary>
    public static string? Unlisted(CustodyManifest m) =>
        m.Records is { } records && records.Count > m.Files.Count
            ? string.Create(CultureInfo.InvariantCulture,
                $"The first {m.Files.Count:N0} of {records.Count:N0} files are listed here; every file was verified, and all records are in {records.Path} (SHA-256 {records.Sha256}), which the manifest binds.")
            : null;

    public static void NotCollected(StringBuilder html, CustodyManifest m)
    {
        html.Append("<h2>Files not collected</h2>\n");
        if (m.Skipped.Count == 0 && m.Excluded.Count == 0 && m.EmptyTargets.Count == 0)
        {
            html.Append("<p>None: every file the collection plan named was collected.</p>\n");
            return;
        }
        if (m.Skipped.Count + m.Excluded.Count > 0)
        {
            html.Append("<table class=\"small\"><colgroup><col style=\"width:55%\"><col style=\"width:45%\"></colgroup><tr><th>Path</th><th>Why</th></tr>\n");
            foreach (var (path, why) in m.Skipped.Select(s => (s.Path, (s.Failed ? "failed: " : "skipped: ") + s.Reason))
                .Concat(m.Excluded.Select(s => (s.Path, "excluded: " + s.Reason))))
            {
                html.Append("<tr><td class=\"path\">").Append(E(path)).Append("</td><td>").Append(E(why)).Append("</td></tr>\n");
            }
            html.Append("</table>\n");
        }
        if (m.EmptyTargets.Count > 0)
        {
            html.Append("<p class=\"caption\">Log kinds the profile names but which matched nothing on this machine: ")
                .Append(E(string.Join(", ", m.EmptyTargets.Select(t => t.Name)))).Append(".</p>\n");
        }
    }

    public static void Chain(StringBuilder html, BundleDossier d)
    {
        html.Append("<h2>Chain of custody</h2>\n");
        var chain = d.Chain;
        if (chain.Events.Count == 0)
        {
            html.Append("<p>No custody events are recorded in this bundle.</p>\n");
        }
        else
        {
            html.Append("<p class=\"caption\">Each event names who handled the evidence and is signed with that person's key; the signature column says whether it verified.</p>\n");
            html.Append("<table class=\"small\"><colgroup><col style=\"width:7%\"><col style=\"width:15%\"><col style=\"width:11%\"><col style=\"width:18%\"><col style=\"width:33%\"><col style=\"width:16%\"></colgroup>\n");
            html.Append("<tr><th>#</th><th>When</th><th>Event</th><th>Who</th><th>Details</th><th>Signature</th></tr>\n");
            foreach (var e in chain.Events)
            {
                var ev = e.Event;
                html.Append("<tr><td class=\"num\">").Append(e.Sequence.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Time(ev?.Time))
                    .Append("</td><td>").Append(E(ev?.Kind ?? "(unreadable)")).Append("</td><td>").Append(E(ev?.Actor.Name));
                if (ev?.Actor.Organization is { } org)
                {
                    html.Append("<br><span class=\"caption\">").Append(E(org)).Append("</span>");
                }
                html.Append("</td><td>");
                var details = new[]
                {
                    ev?.From is { } from ? $"from {from}" : null,
                    ev?.To is { } to ? $"to {to}" : null,
                    ev?.Purpose is { } purpose ? $"purpose: {purpose}" : null,
                    ev?.Location is { } where ? $"at {where}" : null,
                    ev?.Medium is { } medium ? $"on {medium}" : null,
                    ev?.Seal is { } seal ? $"seal {seal}" : null,
                    d.Report.Verdict == Verdict.Valid && ev?.Verification is { } v ? $"the handler's check then: {v.Verdict}, {v.Files} files" : null,
                }.OfType<string>();
                html.Append(string.Join("<br>", details.Select(E))).Append("</td><td>").Append(E(e.Signature switch
                {
                    null => "unsigned",
                    { SignatureValid: false } => "INVALID signature",
                    { Trusted: false } => "valid, signer not trusted",
                    _ => "valid, trusted",
                })).Append("</td></tr>\n");
            }
            html.Append("</table>\n");
        }
        foreach (var problem in chain.Problems)
        {
            html.Append("<p class=\"fail\">Chain broken: ").Append(E(problem)).Append("</p>\n");
        }
        foreach (var untrusted in chain.Untrusted)
        {
            html.Append("<p class=\"warn\">Not trusted: ").Append(E(untrusted)).Append("</p>\n");
        }
    }
}
