using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// Proves an evidence bundle intact, complete and (when signed) signed by a trusted examiner, and says exactly
/// what is wrong when it is not. Only reads: it never writes into the bundle, never follows a link and never
/// opens a FIFO or device.
/// </summary>
public sealed class BundleVerifier
{
    private readonly IFileSystem _fileSystem;
    private readonly ISignatureVerifier _signatureVerifier;
    private readonly ITimestampVerifier? _timestampVerifier;
    private readonly TimeProvider _time;
    private readonly VerificationOptions _options;
    private readonly IFileTypeProbe _probe;

    /// <summary>Creates a verifier.</summary>
    /// <param name="fileSystem">The file system the bundle is on.</param>
    /// <param name="signatureVerifier">Checks CMS signatures and judges signers against the trust policy.</param>
    /// <param name="time">Measures how long verification took.</param>
    /// <param name="options">Trust policy, whether a signature is required, and input limits.</param>
    public BundleVerifier(IFileSystem fileSystem, ISignatureVerifier signatureVerifier, TimeProvider time, VerificationOptions options)
        : this(fileSystem, signatureVerifier, null, time, options)
    {
    }

    /// <summary>Creates a verifier that also checks RFC 3161 tokens.</summary>
    /// <param name="fileSystem">The file system the bundle is on.</param>
    /// <param name="signatureVerifier">Checks CMS signatures and judges signers against the trust policy.</param>
    /// <param name="timestampVerifier">Checks RFC 3161 tokens (.p7s.tsr); null leaves them unchecked.</param>
    /// <param name="time">Measures how long verification took.</param>
    /// <param name="options">Trust policies, whether a signature is required, and input limits.</param>
    public BundleVerifier(IFileSystem fileSystem, ISignatureVerifier signatureVerifier, ITimestampVerifier? timestampVerifier,
        TimeProvider time, VerificationOptions options)
        : this(fileSystem, signatureVerifier, time, options,
            fileSystem is FileSystem ? new NativeFileTypeProbe() : new NoFileTypeProbe(), timestampVerifier)
    {
    }

    internal BundleVerifier(IFileSystem fileSystem, ISignatureVerifier signatureVerifier, TimeProvider time,
        VerificationOptions options, IFileTypeProbe probe, ITimestampVerifier? timestampVerifier = null)
    {
        _fileSystem = fileSystem;
        _signatureVerifier = signatureVerifier;
        _timestampVerifier = timestampVerifier;
        _time = time;
        _options = options;
        _probe = probe;
    }

    /// <summary>Verifies the bundle directory at <paramref name="bundlePath"/>.</summary>
    /// <returns>A report with every check; its verdict is ERROR when the path is not a bundle or cannot be read.</returns>
    public VerificationReport Verify(string bundlePath, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var checks = new CheckList();
        var root = _fileSystem.Path.GetFullPath(bundlePath);
        if (!_fileSystem.Directory.Exists(root))
        {
            checks.Add(CheckNames.Bundle, CheckOutcome.Fail, _fileSystem.File.Exists(root)
                ? $"{bundlePath} is a file, not a bundle directory."
                : $"{bundlePath} does not exist.");
            return ErrorReport(bundlePath, checks, started);
        }
        var name = _fileSystem.Path.GetFileName(_fileSystem.Path.TrimEndingDirectorySeparator(root));
        var partial = name.EndsWith(BundleLayout.PartialSuffix, StringComparison.Ordinal);

        BagTree tree;
        try
        {
            tree = BagTree.Walk(_fileSystem, root, _probe, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            checks.Add(CheckNames.Bundle, CheckOutcome.Fail, $"{bundlePath} could not be read: {e.Message}");
            return ErrorReport(bundlePath, checks, started);
        }
        string[] markers = [BundleLayout.BagitTxt, BundleLayout.DataDir, BundleLayout.PayloadManifest, BundleLayout.ManifestJson, BundleLayout.Journal];
        if (!markers.Any(tree.Contains))
        {
            checks.Add(CheckNames.Bundle, CheckOutcome.Fail,
                $"{bundlePath} is not an evidence bundle: it has no bagit.txt, data/, manifest-sha256.txt or custody/manifest.json.");
            return ErrorReport(bundlePath, checks, started);
        }
        checks.Add(CheckNames.Bundle, CheckOutcome.Pass, partial
            ? $"{name} is a partial bundle directory."
            : $"{name} is a bundle directory.");

        var reader = new BundleReader(_fileSystem, root);
        try
        {
            if (partial)
            {
                var run = new PartialBundleVerification(_fileSystem, reader, tree, _options, checks, cancellationToken);
                run.Run();
                return new VerificationReport
                {
                    BundlePath = bundlePath,
                    Verdict = VerdictRules.Decide(checks.Results, partial: true),
                    Checks = checks.Results,
                    Figures = Figures(run.FilesHashed, run.BytesHashed, started),
                    Partial = true,
                    FinishedFiles = run.FinishedFiles,
                };
            }
            else
            {
                var run = new SealedBundleVerification(_fileSystem, reader, tree, _signatureVerifier, _timestampVerifier, _options, checks, cancellationToken);
                run.Run();
                return new VerificationReport
                {
                    BundlePath = bundlePath,
                    Verdict = VerdictRules.Decide(checks.Results, partial: false),
                    Checks = checks.Results,
                    Figures = Figures(run.FilesHashed, run.BytesHashed, started),
                    Mode = run.Mode,
                    Signed = run.Signed,
                    Signer = run.Signer,
                    SigningTime = run.SigningTime,
                };
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            checks.Add(CheckNames.Bundle, CheckOutcome.Fail, $"{bundlePath} could not be read: {e.Message}");
            return ErrorReport(bundlePath, checks, started);
        }
    }

    private VerificationReport ErrorReport(string bundlePath, CheckList checks, long started) => new()
    {
        BundlePath = bundlePath,
        Verdict = Verdict.Error,
        Checks = checks.Results,
        Figures = Figures(0, 0, started),
    };

    private VerificationFigures Figures(long files, long bytes, long started) =>
        new(files, bytes, Math.Round(_time.GetElapsedTime(started).TotalSeconds, 3));
}
