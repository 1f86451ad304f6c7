using System.Globalization;
using System.Net;
using System.Text;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Output;

/// <summary>
/// The custody report for counsel: one self-contained, printable HTML page (inline CSS, no scripts, no external
/// resources). Every value taken from the bundle is HTML-encoded, so a file named with markup shows as text.
/// </summary>
internal static class CustodyReportHtml
{
    private const string Style = """
        @page { size: A4; margin: 16mm 14mm; }
        body { font-family: "DejaVu Serif", Georgia, serif; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 190mm; line-height: 1.35; }
        h1 { font-size: 18pt; margin: 0 0 4pt; }
        h2 { font-size: 13pt; border-bottom: 1.5pt solid #333; padding-bottom: 2pt; margin: 18pt 0 6pt; page-break-after: avoid; }
        p.sub { margin: 0 0 10pt; color: #444; }
        table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
        th, td { border: 0.5pt solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
        th { background: #eee; font-weight: bold; }
        table.kv th { width: 32%; background: #f5f5f5; }
        tr { page-break-inside: avoid; }
        .mono, code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; word-break: break-all; }
        .files td, .chain td { font-size: 8.5pt; }
        .verdict { border: 2pt solid #333; padding: 6pt 10pt; margin: 8pt 0; font-size: 12pt; }
        .VALID { border-color: #1a7f37; } .INVALID, .ERROR { border-color: #b00020; } .UNTRUSTED, .INCOMPLETE { border-color: #a06000; }
        .pass { color: #1a7f37; } .fail { color: #b00020; font-weight: bold; } .warn { color: #a06000; } .skip { color: #666; }
        .statement { border: 1pt solid #333; padding: 8pt 12pt; margin-top: 10pt; page-break-inside: avoid; }
        .line { border-bottom: 0.75pt solid #000; height: 22pt; margin: 10pt 0 2pt; }
        .caption { font-size: 8.5pt; color: #444; }
        pre { white-space: pre-wrap; font-size: 8pt; background: #f7f7f7; padding: 4pt; }
        """;

    public static string Render(BundleDossier d)
    {
        var m = d.Manifest;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Append("<title>Evidence custody report ").Append(E(m?.Case.Id ?? d.BundleName)).Append("</title>\n");
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");

        html.Append("<h1>Evidence custody report</h1>\n");
        html.Append("<p class=\"sub\">Case <b>").Append(E(m?.Case.Id)).Append("</b> &middot; bundle <span class=\"mono\">")
            .Append(E(d.BundleName)).Append("</span> &middot; report made ").Append(E(Timestamps.Format(d.VerifiedAt)))
            .Append(" by evidencekit-verify ").Append(E(d.VerifierVersion)).Append("</p>\n");

        Verdict(html, d);
        if (m is not null)
        {
            Case(html, m);
            ExaminerAndHost(html, m);
            Acquisition(html, m);
            Files(html, m);
            Skipped(html, m);
        }
        else
        {
            html.Append("<p class=\"fail\">custody/manifest.json could not be read: the case, host and file details cannot be shown.</p>\n");
        }
        Chain(html, d);
        Signatures(html, d);
        Checking(html);
        Statement(html, d);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Verdict(StringBuilder html, BundleDossier d)
    {
        var verdict = ReportText.Verdict(d.Report.Verdict);
        html.Append("<h2>1. Verification result</h2>\n");
        html.Append("<div class=\"verdict ").Append(verdict).Append("\"><b>").Append(verdict).Append("</b> &mdash; ")
            .Append(E(Meaning(d.Report.Verdict))).Append("</div>\n");
        KeyValues(html,
        [
            ("Verified on", Timestamps.Format(d.VerifiedAt)),
            ("Verifier", $"evidencekit-verify {d.VerifierVersion}"),
            ("Summary", ReportText.Summary(d.Report)),
        ]);
        html.Append("<table><tr><th>Check</th><th>Result</th><th>Finding</th></tr>\n");
        foreach (var check in d.Report.Checks)
        {
            var outcome = ReportText.Outcome(check.Outcome);
            html.Append("<tr><td>").Append(E(check.Name)).Append("</td><td class=\"").Append(outcome.ToLowerInvariant()).Append("\">")
                .Append(outcome).Append("</td><td>").Append(E(check.Detail));
            if (check.Outcome is CheckOutcome.Fail or CheckOutcome.Warn && check.Items.Count > 0)
            {
                html.Append("<ul>");
                foreach (var item in check.Items.Take(50))
                {
                    html.Append("<li>").Append(E(item)).Append("</li>");
                }
                html.Append("</ul>");
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static string Meaning(Verdict verdict) => verdict switch
    {
        Core.Verification.Verdict.Valid => "every file is present and unchanged, and the signatures verify and are trusted.",
        Core.Verification.Verdict.Invalid => "something in the bundle was changed, is missing or was added after it was sealed; see the checks below.",
        Core.Verification.Verdict.Untrusted => "the bundle is intact, but not every signer is trusted by the verifier's policy (or it is unsigned).",
        Core.Verification.Verdict.Incomplete => "the collection was never finished (a partial bundle).",
        _ => "the bundle could not be verified.",
    };

    private static void Case(StringBuilder html, CustodyManifest m)
    {
        html.Append("<h2>2. Case and incident</h2>\n");
        KeyValues(html,
        [
            ("Case id", m.Case.Id),
            ("Incident owner", m.Case.IncidentOwner),
            ("Point of contact", m.Case.PointOfContact),
            ("Severity", m.Case.Severity),
            ("Reason for collection", m.Case.Reason),
            ("Description", m.Case.Description),
        ]);
    }

    private static void ExaminerAndHost(StringBuilder html, CustodyManifest m)
    {
        html.Append("<h2>3. Examiner and source system</h2>\n");
        KeyValues(html,
        [
            ("Examiner", m.Examiner?.Name),
            ("Organization", m.Examiner?.Organization),
            ("Examiner certificate", m.Examiner?.CertificateSubject),
            ("Certificate SHA-256", m.Examiner?.CertificateSha256 is { } fp ? Fingerprints.Colon(fp) : null),
            ("Host name", m.Host.Hostname),
            ("FQDN", m.Host.Fqdn),
            ("Machine id", m.Host.MachineId),
            ("Operating system", m.Host.Os),
            ("Kernel", m.Host.Kernel),
            ("IP addresses", string.Join(", ", m.Host.IpAddresses)),
            ("MAC addresses", string.Join(", ", m.Host.MacAddresses)),
            ("Boot time (UTC)", m.Host.BootTime),
            ("Time zone", m.Host.TimeZone),
        ]);
    }

    private static void Acquisition(StringBuilder html, CustodyManifest m)
    {
        html.Append("<h2>4. Acquisition</h2>\n");
        KeyValues(html,
        [
            ("Method", m.Mode == "prosecution"
                ? "prosecution mode: logical copy of each file, SHA-256 taken while reading the source, the copy re-read and re-hashed on the target, manifest signed"
                : $"{m.Mode} mode: logical copy of each file, SHA-256 taken while reading the source"),
            ("Started (UTC)", m.Started),
            ("Finished (UTC)", m.Finished),
            ("Written to", $"{m.Target.Kind} {m.Target.Location}{(m.Target.FileSystem is { } fs ? $" ({fs})" : "")}"),
            ("Tool", $"{m.Tool.Name} {m.Tool.Version}"),
            ("Tool SHA-256", m.Tool.Sha256),
            ("Command line", string.Join(' ', m.Tool.CommandLine)),
            ("Profiles", string.Join(", ", m.Profile.Names)),
            ("Hash algorithms", string.Join(", ", m.HashAlgorithms)),
            ("Bundle id", m.BundleId.ToString()),
            ("Files collected", string.Create(CultureInfo.InvariantCulture, $"{m.Files.Count} ({m.Files.Sum(f => f.Size)} bytes)")),
        ]);
    }

    private static void Files(StringBuilder html, CustodyManifest m)
    {
        html.Append("<h2>5. Collected files</h2>\n");
        html.Append("<p class=\"caption\">Each file's SHA-256 was taken from the bytes as read from the source system. Times are those of the original file, in UTC.</p>\n");
        html.Append("<table class=\"files\"><tr><th>Evidence id</th><th>Original path</th><th>Size (bytes)</th><th>SHA-256</th><th>Times (UTC)</th></tr>\n");
        foreach (var f in m.Files)
        {
            html.Append("<tr><td>").Append(E(f.Id)).Append("</td><td class=\"mono\">").Append(E(f.SourcePath));
            if (f.BagPath != $"data{f.SourcePath}")
            {
                html.Append("<br><span class=\"caption\">in bundle: ").Append(E(f.BagPath)).Append("</span>");
            }
            foreach (var note in f.Notes)
            {
                html.Append("<br><span class=\"warn\">").Append(E(note)).Append("</span>");
            }
            html.Append("</td><td>").Append(f.Size.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"mono\">").Append(E(f.Sha256))
                .Append("</td><td class=\"mono\">");
            foreach (var (label, value) in new[] { ("modified", f.Mtime), ("changed", f.Ctime), ("accessed", f.Atime), ("born", f.Birthtime) })
            {
                if (value is not null)
                {
                    html.Append(label).Append(' ').Append(E(value)).Append("<br>");
                }
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Skipped(StringBuilder html, CustodyManifest m)
    {
        html.Append("<h2>6. Files not collected</h2>\n");
        if (m.Skipped.Count == 0 && m.Excluded.Count == 0 && m.EmptyTargets.Count == 0)
        {
            html.Append("<p>None: every file the collection plan named was collected.</p>\n");
            return;
        }
        html.Append("<table><tr><th>Path</th><th>Why</th></tr>\n");
        foreach (var s in m.Skipped)
        {
            html.Append("<tr><td class=\"mono\">").Append(E(s.Path)).Append("</td><td>").Append(E((s.Failed ? "failed: " : "skipped: ") + s.Reason)).Append("</td></tr>\n");
        }
        foreach (var s in m.Excluded)
        {
            html.Append("<tr><td class=\"mono\">").Append(E(s.Path)).Append("</td><td>").Append(E("excluded: " + s.Reason)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
        if (m.EmptyTargets.Count > 0)
        {
            html.Append("<p class=\"caption\">Log kinds the profile names but which matched nothing on this system: ")
                .Append(E(string.Join(", ", m.EmptyTargets.Select(t => t.Name)))).Append(".</p>\n");
        }
    }

    private static void Chain(StringBuilder html, BundleDossier d)
    {
        html.Append("<h2>7. Chain of custody</h2>\n");
        var chain = d.Chain;
        if (chain.Events.Count == 0)
        {
            html.Append("<p>No custody events are recorded in this bundle.</p>\n");
        }
        else
        {
            html.Append("<p class=\"caption\">Each event is signed by the person named and linked by SHA-256 to the one before it; the first is linked to the signed manifest. ")
                .Append(E($"Times may not go back by more than {CustodyChainRules.ClockTolerance.TotalMinutes:0} minutes.")).Append("</p>\n");
            html.Append("<table class=\"chain\"><tr><th>#</th><th>When (UTC)</th><th>What</th><th>Who</th><th>From</th><th>To</th><th>Purpose</th><th>Location</th><th>Medium / seal</th><th>Verified before</th><th>Signature</th></tr>\n");
            foreach (var e in chain.Events)
            {
                var ev = e.Event;
                html.Append("<tr><td>").Append(e.Sequence.ToString("D6", CultureInfo.InvariantCulture)).Append("</td><td class=\"mono\">").Append(E(ev?.Time))
                    .Append("</td><td>").Append(E(ev?.Kind)).Append("</td><td>").Append(E(ev?.Actor.Name));
                if (ev?.Actor.Organization is { } org)
                {
                    html.Append("<br>").Append(E(org));
                }
                html.Append("</td><td>").Append(E(ev?.From)).Append("</td><td>").Append(E(ev?.To)).Append("</td><td>").Append(E(ev?.Purpose))
                    .Append("</td><td>").Append(E(ev?.Location)).Append("</td><td>").Append(E(ev?.Medium));
                if (ev?.Seal is { } seal)
                {
                    html.Append("<br>seal ").Append(E(seal));
                }
                html.Append("</td><td>").Append(E(ev?.Verification is { } v ? $"{v.Verdict} ({v.Files} files)" : "")).Append("</td><td>")
                    .Append(E(e.Signature switch
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

    private static void Signatures(StringBuilder html, BundleDossier d)
    {
        html.Append("<h2>8. Signatures and timestamps</h2>\n");
        var r = d.Report;
        KeyValues(html,
        [
            ("custody/manifest.json SHA-256", d.ManifestSha256),
            ("custody/manifest.json.p7s SHA-256", d.SignatureSha256),
            ("Manifest signed by", r.Signer?.Subject ?? (r.Signed ? "(signer not readable)" : "not signed")),
            ("Signer certificate SHA-256", r.Signer is { } s ? Fingerprints.Colon(s.CertificateSha256) : null),
            ("Signer certificate valid", r.Signer is { } v ? $"{Timestamps.Format(v.NotBefore)} to {Timestamps.Format(v.NotAfter)}" : null),
            ("Signing time (signer's clock)", r.SigningTime is { } t ? Timestamps.Format(t) : null),
            ("Trusted time-stamp", d.ManifestTimestamp is { } ts
                ? $"{(ts.Valid ? "valid" : "INVALID")}, authority {(ts.Trusted ? "trusted" : "not trusted")}: {ts.Detail}"
                : r.Checks.FirstOrDefault(c => c.Name == CheckNames.Timestamp)?.Detail),
            ("Time-stamp time (genTime)", d.ManifestTimestamp?.GenTime is { } g ? Timestamps.Format(g) : null),
            ("Time-stamp authority", d.ManifestTimestamp?.AuthoritySubject),
            ("Authority certificate SHA-256", d.ManifestTimestamp?.AuthorityCertificateSha256 is { } a ? Fingerprints.Colon(a) : null),
        ]);
        if (d.Chain.Events.Count > 0)
        {
            html.Append("<table class=\"chain\"><tr><th>Event</th><th>Event file SHA-256</th><th>Signed by</th><th>Certificate SHA-256</th><th>Time-stamp</th></tr>\n");
            foreach (var e in d.Chain.Events)
            {
                html.Append("<tr><td>").Append(E(e.Path)).Append("</td><td class=\"mono\">").Append(E(e.Sha256)).Append("</td><td>")
                    .Append(E(e.Signature?.Signer?.Subject)).Append("</td><td class=\"mono\">")
                    .Append(E(e.Signature?.Signer is { } eventSigner ? Fingerprints.Colon(eventSigner.CertificateSha256) : null)).Append("</td><td>")
                    .Append(E(e.Timestamp is { } stamp ? $"{(stamp.GenTime is { } stampTime ? Timestamps.Format(stampTime) : "")} {(stamp.Valid ? (stamp.Trusted ? "trusted" : "untrusted") : "INVALID")}" : "none"))
                    .Append("</td></tr>\n");
            }
            html.Append("</table>\n");
        }
    }

    private static void Checking(StringBuilder html)
    {
        html.Append("<h2>9. How an independent expert checks this</h2>\n");
        html.Append("<p>No EvidenceKit software is needed. From the bundle directory, with the examiner's root certificate obtained separately (ROOT.pem):</p>\n<pre>");
        html.Append(E("sha256sum -c --strict manifest-sha256.txt\n"
            + "sha256sum -c --strict tagmanifest-sha256.txt\n"
            + $"openssl cms -verify -binary -inform DER -in {BundleLayout.ManifestSignature} -content {BundleLayout.ManifestJson} -CAfile ROOT.pem -purpose any -out /dev/null\n"
            + "for e in custody/events/*.json; do openssl cms -verify -binary -inform DER -in \"$e.p7s\" -content \"$e\" -CAfile ROOT.pem -purpose any -out /dev/null; done\n"
            + "sha256sum custody/events/*.json   # each must equal the \"sha256\" in the next event's \"previous\"\n"
            + $"openssl ts -verify -data {BundleLayout.ManifestSignature} -in {BundleLayout.ManifestTimestamp} -token_in -CAfile TSA_ROOT.pem"));
        html.Append("</pre>\n");
    }

    private static void Statement(StringBuilder html, BundleDossier d)
    {
        var m = d.Manifest;
        html.Append("<h2>10. Certification</h2>\n<div class=\"statement\">\n");
        html.Append("<p>I, the undersigned, certify that I am qualified by my training and experience to give this certification, and that:</p>\n<ol>\n");
        html.Append("<li>The data described in this report was copied from the system <b>").Append(E(m?.Host.Hostname))
            .Append("</b> by a process of digital identification: each file was read and its SHA-256 hash value computed at the time of copying, ")
            .Append("and the hash values listed in section 5 are those of the copied files.</li>\n");
        html.Append("<li>On ").Append(E(Timestamps.Format(d.VerifiedAt))).Append(" the copies were verified with evidencekit-verify ")
            .Append(E(d.VerifierVersion)).Append(", with the result <b>").Append(E(ReportText.Verdict(d.Report.Verdict)))
            .Append("</b>: a matching hash value shows that a copy is identical to the data as it was acquired.</li>\n");
        html.Append("<li>The custody manifest and every custody event were made at or near the time of the acts they record, by or from information transmitted by persons with knowledge of those acts, ")
            .Append("were kept in the course of a regularly conducted activity, and making such records was a regular practice of that activity.</li>\n");
        html.Append("</ol>\n<p>This certification is given in the spirit of U.S. Federal Rules of Evidence 902(14) (data copied from an electronic device, identified by a process of digital identification) ")
            .Append("and 902(11) (records of a regularly conducted activity). I declare under penalty of perjury that the foregoing is true and correct.</p>\n");
        foreach (var label in new[] { "Signature", "Printed name and title", "Organization", "Date and place" })
        {
            html.Append("<div class=\"line\"></div><div class=\"caption\">").Append(label).Append("</div>\n");
        }
        html.Append("</div>\n");
    }

    private static void KeyValues(StringBuilder html, IEnumerable<(string Label, string? Value)> rows)
    {
        html.Append("<table class=\"kv\">\n");
        foreach (var (label, value) in rows)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            var mono = label.Contains("SHA-256", StringComparison.Ordinal) || label is "Command line" or "Machine id";
            html.Append("<tr><th>").Append(E(label)).Append("</th><td").Append(mono ? " class=\"mono\"" : "").Append('>').Append(E(value)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
