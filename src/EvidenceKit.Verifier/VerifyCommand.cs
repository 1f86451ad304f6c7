using System.CommandLine;
using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Verifier.Output;

namespace EvidenceKit.Verifier;

/// <summary>
/// <c>evidencekit-verify BUNDLE</c>: parses and validates the arguments, loads the trust anchors, runs
/// <see cref="BundleVerifier"/> and prints its report. The exit code is the report's (0, 1, 2 or 3); usage errors are 2.
/// </summary>
internal sealed class VerifyCommand(
    Func<ISignatureVerifier> createSignatureVerifier,
    Func<IEnumerable<string>, IReadOnlyList<byte[]>> loadTrustAnchors,
    TextWriter stdout,
    TextWriter stderr,
    bool stdoutIsTerminal)
{
    public const int UsageError = 2;

    private readonly Argument<string> _bundle = new("BUNDLE") { Description = "The bundle directory (NAME or NAME.partial)." };
    private readonly Option<string[]> _trust = new("--trust") { Description = "A trusted certificate (PEM or DER) or a directory of them; repeatable." };
    private readonly Option<string[]> _fingerprint = new("--trust-fingerprint") { Description = "SHA-256 fingerprint of a trusted signer certificate; repeatable." };
    private readonly Option<bool> _requireSignature = new("--require-signature") { Description = "An unsigned bundle is UNTRUSTED (exit 3) rather than VALID." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON document (checks, verdict, exit code, figures) and nothing else." };
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Print only the verdict line." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Print every finding of every check, and stack traces of unexpected errors." };

    /// <summary>True once the arguments asked for --verbose, so the top-level catch may print a stack trace.</summary>
    public bool Verbose { get; private set; }

    public int Run(string[] args)
    {
        var root = new RootCommand("Proves an EvidenceKit bundle intact, complete and signed by a trusted examiner. "
            + "Exit codes: 0 VALID, 1 INVALID, 2 ERROR, 3 UNTRUSTED or INCOMPLETE.")
        {
            _bundle, _trust, _fingerprint, _requireSignature, _json, _quiet, _verbose,
        };
        root.SetAction(Execute);
        var parsed = root.Parse(args);
        Verbose = args.Contains("--verbose") || args.Contains("-v");
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"evidencekit-verify: {error.Message}");
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
            parsed.GetValue(_trust) ?? [],
            parsed.GetValue(_fingerprint) ?? [],
            parsed.GetValue(_requireSignature),
            parsed.GetValue(_json),
            parsed.GetValue(_quiet),
            parsed.GetValue(_verbose));
        if (settings.Validate() is { } problem)
        {
            stderr.WriteLine($"evidencekit-verify: {problem}");
            return UsageError;
        }

        IReadOnlyList<byte[]> anchors;
        try
        {
            anchors = settings.TrustPaths.Count == 0 ? [] : loadTrustAnchors(settings.TrustPaths);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or ArgumentException)
        {
            stderr.WriteLine($"evidencekit-verify: the trust anchors could not be loaded: {e.Message}");
            return UsageError;
        }

        var options = new VerificationOptions { Trust = settings.Policy(anchors), RequireSignature = settings.RequireSignature };
        var verifier = new BundleVerifier(new FileSystem(), createSignatureVerifier(), TimeProvider.System, options);
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
        return report.ExitCode;
    }
}
