using EvidenceKit.Cli;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Output;

/// <summary>
/// Writes what <c>--report</c>, <c>--report-pdf</c> and <c>--case-export</c> ask for after a verification. The CASE
/// export of a bundle that is not VALID is refused (the run keeps the verdict's exit code) unless <c>--force</c>, and
/// then records the verdict.
/// </summary>
internal static class ReportFiles
{
    /// <summary>Writes the requested files; returns the exit code of the run.</summary>
    public static int Write(VerifySettings settings, VerificationReport report, Func<BundleDossier> load, TextWriter stderr)
    {
        if ((settings.ReportPath ?? settings.ReportPdfPath ?? settings.CaseExportPath) is null)
        {
            return ExitCodes.Of(report.Verdict);
        }
        if (report.Verdict == Verdict.Error)
        {
            stderr.WriteLine("evidencekit-verify: no report or export written: the bundle could not be verified.");
            return ExitCodes.Of(report.Verdict);
        }
        var exitCode = ExitCodes.Of(report.Verdict);
        var dossier = load();
        void Say(string line)
        {
            if (!settings.Json)
            {
                stderr.WriteLine(line);
            }
        }

        if (settings.ReportPath is not null || settings.ReportPdfPath is not null)
        {
            var html = CustodyReportHtml.Render(dossier);
            if (settings.ReportPath is { } reportPath)
            {
                File.WriteAllText(reportPath, html, Core.Bundles.BagItText.Utf8);
                Say($"Custody report written to {reportPath}");
            }
            if (settings.ReportPdfPath is { } pdfPath)
            {
                if (ChromiumPdf.Render(html, pdfPath, ChromiumPdf.TimeLimit) is { } problem)
                {
                    stderr.WriteLine($"evidencekit-verify: --report-pdf {pdfPath}: {problem}");
                    exitCode = exitCode == 0 ? ExitCodes.BadInput : exitCode;
                }
                else
                {
                    Say($"Custody report (PDF) written to {pdfPath}");
                }
            }
        }

        if (settings.CaseExportPath is { } casePath)
        {
            if (report.Verdict != Verdict.Valid && !settings.Force)
            {
                stderr.WriteLine($"evidencekit-verify: CASE export refused: the bundle is {ReportText.Verdict(report.Verdict)} (exit {ExitCodes.Of(report.Verdict)}), so {casePath} was not written; "
                    + "give --force to export it anyway with its verdict recorded.");
            }
            else
            {
                File.WriteAllBytes(casePath, CaseExport.Render(dossier));
                Say($"CASE export written to {casePath}{(report.Verdict == Verdict.Valid ? "" : $" (bundle {ReportText.Verdict(report.Verdict)}, recorded in the export)")}");
            }
        }
        return exitCode;
    }
}
