using EvidenceKit.Cli;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// <c>evidencekit-verify FOLDER</c>: when the path is a folder of bundles rather than a bundle, every bundle in it is
/// verified with the same options and one row per bundle is printed; the exit code is the worst verdict's.
/// </summary>
internal static class FolderCommand
{
    /// <param name="settings">The command line.</param>
    /// <param name="verifier">A bundle verifier reading its bag through the given opener (each bundle's own handle).</param>
    /// <param name="stdout">Where the rows go.</param>
    /// <param name="stderr">Where a refusal goes.</param>
    public static int Execute(VerifySettings settings, Func<IBagFilesFactory, BundleVerifier> verifier, TextWriter stdout, TextWriter stderr)
    {
        if (!OperatingSystem.IsLinux())
        {
            stderr.WriteLine("evidencekit-verify: a folder of bundles is verified through directory handles, on Linux only; verify each bundle by its path.");
            return ExitCodes.BadInput;
        }
        if (settings.ReportPath is not null || settings.ReportPdfPath is not null || settings.CaseExportPath is not null)
        {
            stderr.WriteLine("evidencekit-verify: --report, --report-pdf and --case-export take one bundle, not a folder of bundles; run them on each bundle.");
            return ExitCodes.BadInput;
        }
        IReadOnlyList<FolderRow> rows;
        try
        {
            rows = FolderVerification.Run(settings.BundlePath, (path, bag) => verifier(bag).Verify(path), settings.ExpectHost);
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
