using EvidenceKit.Cli;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// <c>evidencekit-verify FOLDER</c>: when the path is a folder of bundles rather than a bundle, every bundle in it is
/// verified with the same options and one row per bundle is printed; the exit code is the worst verdict's.
/// </summary>
internal static class FolderCommand
{
    public static int Execute(VerifySettings settings, BundleVerifier verifier, TextWriter stdout, TextWriter stderr)
    {
        if (settings.ReportPath is not null || settings.ReportPdfPath is not null || settings.CaseExportPath is not null)
        {
            stderr.WriteLine("evidencekit-verify: --report, --report-pdf and --case-export take one bundle, not a folder of bundles; run them on each bundle.");
            return ExitCodes.BadInput;
        }
        IReadOnlyList<FolderRow> rows;
        try
        {
            rows = FolderVerification.Run(settings.BundlePath, path => verifier.Verify(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"evidencekit-verify: the folder {Cli.TerminalText.Escape(settings.BundlePath)} could not be listed: {Cli.TerminalText.Escape(e.Message)}");
            return ExitCodes.BadInput;
        }
        if (settings.Json)
        {
            FolderReportWriter.WriteJson(settings.BundlePath, rows, stdout);
        }
        else
        {
            FolderReportWriter.WritePlain(settings.BundlePath, rows, settings.Quiet, settings.Verbose, stdout);
        }
        return ExitCodes.Of(FolderVerification.Worst(rows));
    }
}
