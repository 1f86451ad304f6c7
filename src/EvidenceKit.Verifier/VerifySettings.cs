using System.CommandLine;

namespace EvidenceKit.Verifier;

/// <summary>
/// <c>evidencekit-verify BUNDLE</c>'s options, each declared once with its type and help, and what the user asked for,
/// before anything is loaded. To add an option: declare it here, list it in <see cref="Options"/>, add its parameter
/// and read it in <see cref="Bind"/>.
/// </summary>
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
    bool Force = false,
    string? ExpectHost = null)
{
    public static readonly Argument<string> BundleArgument = new("BUNDLE") { Description = "The bundle directory (NAME or NAME.partial), or a folder of bundles (one row each)." };
    public static readonly Option<bool> RequireSignatureOption = new("--require-signature") { Description = "An unsigned bundle is UNTRUSTED (exit 3) rather than VALID." };
    public static readonly Option<bool> JsonOption = new("--json") { Description = "Print one JSON document (checks, verdict, exit code, figures) and nothing else." };
    public static readonly Option<bool> QuietOption = new("--quiet", "-q") { Description = "Print only the verdict line." };
    public static readonly Option<bool> VerboseOption = new("--verbose", "-v") { Description = "Print every finding of every check, and stack traces of unexpected errors." };
    public static readonly Option<string?> ReportOption = new("--report") { Description = "Also write the custody report for counsel: one self-contained printable HTML file (e.g. custody.html)." };
    public static readonly Option<string?> CaseExportOption = new("--case-export") { Description = "Also write the manifest and custody chain as CASE/UCO JSON-LD (e.g. case.jsonld); refused unless the bundle is VALID." };
    public static readonly Option<string?> ReportPdfOption = new("--report-pdf") { Description = "Also write the custody report as PDF (e.g. custody.pdf), printed with headless Chromium." };
    public static readonly Option<bool> ForceOption = new("--force") { Description = "Write the CASE export even when the bundle is not VALID; the export then records the verdict." };
    public static readonly Option<string?> ExpectHostOption = new("--expect-host") { Description = "With a folder of bundles: the host whose bundles it holds (its evidence account's folder); a bundle whose manifest names another host is INVALID." };

    /// <summary>Every option of verification, the trust options included.</summary>
    public static IReadOnlyList<Option> Options { get; } =
    [
        .. TrustSettings.Options, RequireSignatureOption, JsonOption, QuietOption, VerboseOption, ReportOption, CaseExportOption, ReportPdfOption, ForceOption, ExpectHostOption,
    ];

    /// <summary>What the command line gave.</summary>
    public static VerifySettings Bind(ParseResult parse) => new(
        parse.GetValue(BundleArgument) ?? "",
        TrustSettings.Bind(parse),
        parse.GetValue(RequireSignatureOption),
        parse.GetValue(JsonOption),
        parse.GetValue(QuietOption),
        parse.GetValue(VerboseOption),
        parse.GetValue(ReportOption),
        parse.GetValue(CaseExportOption),
        parse.GetValue(ReportPdfOption),
        parse.GetValue(ForceOption),
        parse.GetValue(ExpectHostOption));

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
        if (ExpectHost is { } host && (host.Length == 0 || host.Any(char.IsControl)))
        {
            return "--expect-host needs a host name.";
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
