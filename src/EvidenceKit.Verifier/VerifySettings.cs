namespace EvidenceKit.Verifier;

/// <summary>What the user asked for on the command line, before anything is loaded.</summary>
internal sealed record VerifySettings(
    string BundlePath,
    TrustSettings Trust,
    bool RequireSignature,
    bool Json,
    bool Quiet,
    bool Verbose,
    string? ReportPath = null,
    string? CaseExportPath = null,
    string? ReportPdfPath = null,
    bool Force = false)
{
    /// <summary>One sentence on what is wrong with the arguments, or null when they are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(BundlePath))
        {
            return "Give the bundle directory to verify.";
        }
        if (Quiet && Verbose)
        {
            return "--quiet and --verbose cannot be used together.";
        }
        if (Trust.Validate() is { } problem)
        {
            return problem;
        }
        if (Force && CaseExportPath is null)
        {
            return "--force only applies to --case-export.";
        }
        foreach (var (option, path) in new[] { ("--report", ReportPath), ("--report-pdf", ReportPdfPath), ("--case-export", CaseExportPath) })
        {
            if (path is null)
            {
                continue;
            }
            var full = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(full);
            if (directory is null || !Directory.Exists(directory))
            {
                return $"{option} {path}: the folder it would be written to does not exist.";
            }
            if (Directory.Exists(full))
            {
                return $"{option} {path} is a directory; give a file name.";
            }
            var bundle = Path.TrimEndingDirectorySeparator(Path.GetFullPath(BundlePath)) + Path.DirectorySeparatorChar;
            if (full.StartsWith(bundle, StringComparison.Ordinal))
            {
                return $"{option} {path} is inside the bundle; the verifier never writes into a bundle, so write it elsewhere.";
            }
        }
        return null;
    }
}
