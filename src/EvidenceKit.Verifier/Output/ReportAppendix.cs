using System.Text;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification;
using static EvidenceKit.Verifier.Output.HtmlText;

namespace EvidenceKit.Verifier.Output;

/// <summary>The custody report's appendices: every check with its findings, the signatures and times at full precision, and the commands to repeat the check.</summary>
internal static class ReportAppendix
{
    private const int ItemsPerCheck = 50;

    public static void Checks(StringBuilder html, BundleDossier d)
    {
        var r = d.Report;
        html.Append("<h2 class=\"appendix\">").Append(E(CustodyReportHtml.AppendixChecks)).Append("</h2>\n");
        html.Append("<h3>Checks</h3>\n<p class=\"caption\">").Append(E(ReportText.Summary(r))).Append("</p>\n");
        html.Append("<table class=\"small\"><colgroup><col style=\"width:24%\"><col style=\"width:11%\"><col style=\"width:65%\"></colgroup>\n");
        html.Append("<tr><th>Check</th><th>Result</th><th>Finding</th></tr>\n");
        foreach (var check in r.Checks)
        {
            var outcome = ReportText.Outcome(check.Outcome);
            html.Append("<tr><td>").Append(E(check.Name)).Append("</td><td class=\"").Append(outcome.ToLowerInvariant()).Append("\">").Append(outcome)
                .Append("</td><td>").Append(E(check.Detail));
            if (check.Outcome is CheckOutcome.Fail or CheckOutcome.Warn && check.Items.Count > 0)
            {
                html.Append("<ul>");
                foreach (var item in check.Items.Take(ItemsPerCheck))
                {
                    html.Append("<li class=\"path\">").Append(E(item)).Append("</li>");
                }
                if (check.Items.Count > ItemsPerCheck)
                {
                    html.Append("<li>").Append(E($"... and {check.Items.Count - ItemsPerCheck} more (evidencekit-verify --verbose lists all)")).Append("</li>");
                }
                html.Append("</ul>");
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</table>\n");

        html.Append("<h3>Signatures and times (full precision, UTC)</h3>\n");
        var m = d.Manifest;
        KeyValues(html,
        [
            ("Verified at", Timestamps.Format(d.VerifiedAt), "nw"),
            ("Verifier", $"evidencekit-verify {d.VerifierVersion}", null),
            ("Collection started", m?.Started, "nw"),
            ("Collection finished", m?.Finished, "nw"),
            ("custody/manifest.json SHA-256", d.ManifestSha256, "hash"),
            ("custody/manifest.json.p7s SHA-256", d.SignatureSha256, "hash"),
            ("Manifest signed by", r.Signer?.Subject ?? (r.Signed ? "(signer not readable)" : "not signed"), null),
            ("Signer certificate SHA-256", r.Signer is { } s ? Fingerprints.Colon(s.CertificateSha256) : null, "hash"),
            ("Signer certificate valid", r.Signer is { } v ? $"{Timestamps.Format(v.NotBefore)} to {Timestamps.Format(v.NotAfter)}" : null, null),
            ("Signing time (signer's own clock)", r.SigningTime is { } t ? Timestamps.Format(t) : null, "nw"),
            ("Time-stamp", d.ManifestTimestamp is { } ts ? $"{(ts.Valid ? "valid" : "INVALID")}, authority {(ts.Trusted ? "trusted" : "not trusted")}: {ts.Detail}" : null, null),
            ("Time-stamp time (genTime)", d.ManifestTimestamp?.GenTime is { } g ? Timestamps.Format(g) : null, "nw"),
            ("Time-stamp authority", d.ManifestTimestamp?.AuthoritySubject, null),
            ("Authority certificate SHA-256", d.ManifestTimestamp?.AuthorityCertificateSha256 is { } a ? Fingerprints.Colon(a) : null, "hash"),
            ("Examiner certificate", m?.Examiner?.CertificateSubject, null),
            ("Tool", m is null ? null : $"{m.Tool.Name} {m.Tool.Version}", null),
            ("Tool SHA-256", m?.Tool.Sha256, "hash"),
            ("Command line", m is null ? null : string.Join(' ', m.Tool.CommandLine), "path"),
            ("Profiles", m is null ? null : string.Join(", ", m.Profile.Names), null),
            ("Bundle id", m?.BundleId.ToString(), "path"),
            ("Machine id", m?.Host.MachineId, "hash"),
            ("Kernel", m?.Host.Kernel, null),
            ("MAC addresses", m is null ? null : string.Join(", ", m.Host.MacAddresses), null),
            ("Boot time", m?.Host.BootTime, "nw"),
            ("Time zone", m?.Host.TimeZone, null),
        ], small: true);
        EventFiles(html, d);
        FileTimes(html, d);
    }

    private static void EventFiles(StringBuilder html, BundleDossier d)
    {
        if (d.Chain.Events.Count == 0)
        {
            return;
        }
        html.Append("<h3>Custody event files</h3>\n");
        html.Append("<table class=\"small\"><colgroup><col style=\"width:16%\"><col style=\"width:25%\"><col style=\"width:18%\"><col style=\"width:25%\"><col style=\"width:16%\"></colgroup>\n");
        html.Append("<tr><th>Event</th><th>SHA-256 of the file</th><th>Signed by</th><th>Certificate SHA-256</th><th>Time-stamp</th></tr>\n");
        foreach (var e in d.Chain.Events)
        {
            html.Append("<tr><td class=\"path\">").Append(E(e.Path)).Append("</td><td class=\"hash\">").Append(E(e.Sha256)).Append("</td><td>")
                .Append(E(e.Signature?.Signer?.Subject)).Append("</td><td class=\"hash\">")
                .Append(E(e.Signature?.Signer is { } signer ? Fingerprints.Colon(signer.CertificateSha256) : null)).Append("</td><td>")
                .Append(E(e.Timestamp is { } stamp
                    ? $"{(stamp.GenTime is { } time ? Timestamps.Format(time) + " " : "")}{(stamp.Valid ? (stamp.Trusted ? "trusted" : "untrusted") : "INVALID")}"
                    : "none"))
                .Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void FileTimes(StringBuilder html, BundleDossier d)
    {
        if (d.Manifest is not { Files.Count: > 0 } m)
        {
            return;
        }
        html.Append("<h3>File times (full precision, UTC)</h3>\n");
        html.Append("<table class=\"small\"><colgroup><col style=\"width:20%\"><col style=\"width:80%\"></colgroup><tr><th>Evidence id</th><th>Times of the original file</th></tr>\n");
        foreach (var f in m.Files)
        {
            html.Append("<tr><td class=\"path\">").Append(E(f.Id)).Append("</td><td class=\"hash\">");
            var times = new[] { ("modified", f.Mtime), ("changed", f.Ctime), ("accessed", f.Atime), ("born", f.Birthtime) }
                .Where(t => t.Item2 is not null)
                .Select(t => $"{t.Item1} {E(t.Item2)}");
            html.Append(string.Join("<br>", times)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
        if (ReportEvidence.Unlisted(m) is { } note)
        {
            html.Append("<p class=\"caption\">").Append(E(note)).Append("</p>\n");
        }
    }

    /// <summary>The commands that apply to this bundle: the signature steps only when it is signed, the time-stamp step only when it has one.</summary>
    public static void Commands(StringBuilder html, BundleDossier d)
    {
        html.Append("<h2>").Append(E(CustodyReportHtml.AppendixCommands)).Append("</h2>\n");
        html.Append("<p>No EvidenceKit software is needed. Run each command in bash from the bundle directory (it prints OK, same or Verification successful when the check passes).");
        var signed = d.Report.Signed;
        var timestamped = d.ManifestTimestamp is not null;
        if (signed)
        {
            html.Append(" ").Append(VerifyInstructions.RootPlaceholder).Append(" is the examiner's or organisation's root certificate, obtained separately (never from the bundle).");
        }
        if (timestamped)
        {
            html.Append(" ").Append(VerifyInstructions.TsaRootPlaceholder).Append(" is the time-stamp authority's root certificate, obtained the same way.");
        }
        html.Append("</p>\n<pre>");
        var lines = new List<string> { "sha256sum -c --strict manifest-sha256.txt" };
        if (VerdictWords.Outcome(d.Report, CheckNames.TagManifest) is { } tags && tags != CheckOutcome.Skip)
        {
            lines.Add("sha256sum -c --strict tagmanifest-sha256.txt");
        }
        if (d.Manifest is not null)
        {
            lines.Add(VerifyInstructions.CrossCheckCommand.Replace("\\\n     ", "", StringComparison.Ordinal));
        }
        if (signed)
        {
            lines.Add($"openssl cms -verify -binary -inform DER -in {BundleLayout.ManifestSignature} -content {BundleLayout.ManifestJson} -CAfile {VerifyInstructions.RootPlaceholder} -purpose any -out /dev/null");
        }
        if (d.Chain.Events.Count > 0)
        {
            lines.Add($"for e in {BundleLayout.EventsDir}/*.json; do openssl cms -verify -binary -inform DER -in \"$e.p7s\" -content \"$e\" -CAfile {VerifyInstructions.RootPlaceholder} -purpose any -out /dev/null 2>/dev/null && echo \"$e: OK\" || echo \"$e: FAILED\"; done");
        }
        if (timestamped)
        {
            lines.Add($"openssl ts -verify -data {BundleLayout.ManifestSignature} -in {BundleLayout.ManifestTimestamp} -token_in -CAfile {VerifyInstructions.TsaRootPlaceholder}");
        }
        html.Append(E(string.Join("\n", lines))).Append("</pre>\n");
    }
}
