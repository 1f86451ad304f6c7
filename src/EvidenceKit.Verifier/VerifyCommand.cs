using System.CommandLine;
using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Verifier.Custody;
using EvidenceKit.Verifier.Output;

namespace EvidenceKit.Verifier;

/// <summary>
/// <c>evidencekit-verify BUNDLE</c>: parses and validates the arguments, loads the trust anchors, runs
/// <see cref="BundleVerifier"/> and prints its report, and on request writes the custody report (HTML) and the CASE
/// export. <c>custody add</c> and <c>custody show</c> are subcommands. The exit code is the report's (0, 1, 2 or 3);
/// usage errors are 2.
/// </summary>
internal sealed class VerifyCommand(
    Func<ISignatureVerifier> createSignatureVerifier,
    Func<IEnumerable<string>, IReadOnlyList<byte[]>> loadTrustAnchors,
    TextWriter stdout,
    TextWriter stderr,
    bool stdoutIsTerminal,
    Func<ITimestampVerifier?>? createTimestampVerifier = null)
{
    public const int UsageError = 2;

    private readonly Argument<string> _bundle = new("BUNDLE") { Description = "The bundle directory (NAME or NAME.partial)." };
    private readonly Option<string[]> _trust = TrustOptions.Trust();
    private readonly Option<string[]> _fingerprint = TrustOptions.Fingerprint();
    private readonly Option<string[]> _tsaTrust = TrustOptions.TsaTrust();
    private readonly Option<bool> _requireSignature = new("--require-signature") { Description = "An unsigned bundle is UNTRUSTED (exit 3) rather than VALID." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON document (checks, verdict, exit code, figures) and nothing else." };
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Print only the verdict line." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Print every finding of every check, and stack traces of unexpected errors." };
    private readonly Option<string?> _report = new("--report") { Description = "Also write the custody report for counsel: one self-contained printable HTML file (e.g. custody.html)." };
    private readonly Option<string?> _caseExport = new("--case-export") { Description = "Also write the manifest and custody chain as CASE/UCO JSON-LD (e.g. case.jsonld); refused unless the bundle is VALID." };
    private readonly Option<string?> _reportPdf = new("--report-pdf") { Description = "Also write the custody report as PDF (e.g. custody.pdf), printed with headless Chromium." };
    private readonly Option<bool> _force = new("--force") { Description = "Write the CASE export even when the bundle is not VALID; the export then records the verdict." };

    /// <summary>True once the arguments asked for --verbose, so the top-level catch may print a stack trace.</summary>
    public bool Verbose { get; private set; }

    public int Run(string[] args)
    {
        var services = new CustodyServices(createSignatureVerifier, createTimestampVerifier ?? (() => null), loadTrustAnchors,
            VerifierServices.LoadKey, VerifierServices.CreateTimestamper,
            prompt => Secrets.Read(VerifierServices.PassphraseVariable, prompt));
        var root = new RootCommand("Proves an EvidenceKit bundle intact, complete and signed by a trusted examiner. "
            + "Exit codes: 0 VALID, 1 INVALID, 2 ERROR, 3 UNTRUSTED or INCOMPLETE.")
        {
            _bundle, _trust, _fingerprint, _tsaTrust, _requireSignature, _json, _quiet, _verbose, _report, _caseExport, _reportPdf, _force,
            CustodyCommands.Build(services, stdout, stderr, stdoutIsTerminal),
            new Timeline.TimelineCommand(createSignatureVerifier, createTimestampVerifier ?? (() => null), loadTrustAnchors, stdout, stderr).Build(),
        };
        root.SetAction(Execute);
        var parsed = root.Parse(args);
        Verbose = args.Contains("--verbose") || args.Contains("-v");
        if (parsed.Errors.Count > 0)
        {
            foreach (var line in TopLevel.UsageErrors(parsed, args))
            {
                stderr.WriteLine($"evidencekit-verify: {line}");
            }
            stderr.WriteLine("Try 'evidencekit-verify --help'.");
            return UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    private int Execute(ParseResult parsed)
    {
        var settings = new VerifySettings(
            parsed.GetValue(_bundle) ?? "",
            new TrustSettings(parsed.GetValue(_trust) ?? [], parsed.GetValue(_fingerprint) ?? [], parsed.GetValue(_tsaTrust) ?? []),
            parsed.GetValue(_requireSignature),
            parsed.GetValue(_json),
            parsed.GetValue(_quiet),
            parsed.GetValue(_verbose),
            parsed.GetValue(_report),
            parsed.GetValue(_caseExport),
            parsed.GetValue(_reportPdf),
            parsed.GetValue(_force));
        if (settings.Validate() is { } problem)
        {
            stderr.WriteLine($"evidencekit-verify: {problem}");
            return UsageError;
        }

        TrustPolicy signers;
        TrustPolicy authorities;
        try
        {
            (signers, authorities) = settings.Trust.Load(loadTrustAnchors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or ArgumentException)
        {
            stderr.WriteLine($"evidencekit-verify: the trust anchors could not be loaded: {e.Message}");
            return UsageError;
        }

        var options = new VerificationOptions { Trust = signers, TsaTrust = authorities, RequireSignature = settings.RequireSignature };
        var verifier = new BundleVerifier(new FileSystem(), createSignatureVerifier(), createTimestampVerifier?.Invoke(), TimeProvider.System, options);
        var report = verifier.Verify(settings.BundlePath);

        if (settings.Json)
        {
            JsonReportWriter.Write(report, stdout);
        }
        else if (stdoutIsTerminal && !settings.Quiet)
        {
            TableReportWriter.Write(report, settings.Verbose, stdout);
        }
        else
        {
            PlainReportWriter.Write(report, settings.Quiet, settings.Verbose, stdout);
        }

        return ReportFiles.Write(settings, report, () => BundleDossier.Load(report, ToolIdentity.Version, TimeProvider.System.GetUtcNow()), stderr);
    }
}
