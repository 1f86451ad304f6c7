using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification.Checks;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// Proves an evidence bundle (or any BagIt bag) intact, complete and, when signed, signed by a trusted examiner, and
/// says exactly what is wrong when it is not. Reads the bag once through <see cref="BagSnapshot"/> (no link followed,
/// no FIFO or device opened, every read capped), then runs an ordered list of checks over it. It never writes.
/// </summary>
public sealed class BundleVerifier
{
    private readonly IFileSystem _fileSystem;
    private readonly IBagFilesFactory _bagFiles;
    private readonly ISignatureVerifier _signatureVerifier;
    private readonly ITimestampVerifier? _timestampVerifier;
    private readonly TimeProvider _time;
    private readonly VerificationOptions _options;

    /// <summary>Creates a verifier.</summary>
    /// <param name="fileSystem">The file system the bundle is on (asked whether the path is a directory).</param>
    /// <param name="bagFiles">Opens the bag for the one snapshot every check reads (directory handles on Linux).</param>
    /// <param name="signatureVerifier">Checks CMS signatures and judges signers against the trust policy.</param>
    /// <param name="time">Measures how long verification took.</param>
    /// <param name="options">Trust policy, whether a signature is required, and parallelism.</param>
    public BundleVerifier(IFileSystem fileSystem, IBagFilesFactory bagFiles, ISignatureVerifier signatureVerifier, TimeProvider time, VerificationOptions options)
        : this(fileSystem, bagFiles, signatureVerifier, null, time, options)
    {
    }

    /// <summary>Creates a verifier that also checks RFC 3161 tokens.</summary>
    /// <param name="fileSystem">The file system the bundle is on (asked whether the path is a directory).</param>
    /// <param name="bagFiles">Opens the bag for the one snapshot every check reads (directory handles on Linux).</param>
    /// <param name="signatureVerifier">Checks CMS signatures and judges signers against the trust policy.</param>
    /// <param name="timestampVerifier">Checks RFC 3161 tokens (.p7s.tsr); null leaves them unchecked.</param>
    /// <param name="time">Measures how long verification took.</param>
    /// <param name="options">Trust policies, whether a signature is required, and parallelism.</param>
    public BundleVerifier(IFileSystem fileSystem, IBagFilesFactory bagFiles, ISignatureVerifier signatureVerifier, ITimestampVerifier? timestampVerifier,
        TimeProvider time, VerificationOptions options)
    {
        _fileSystem = fileSystem;
        _bagFiles = bagFiles;
        _signatureVerifier = signatureVerifier;
        _timestampVerifier = timestampVerifier;
        _time = time;
        _options = options;
    }

    /// <summary>The checks of a sealed bag, in order; evidence-specific ones only where custody/manifest.json exists.</summary>
    private static IEnumerable<IBagCheck> Checks(bool evidence)
    {
        yield return new SpecialFilesCheck();
        yield return new BagItDeclarationCheck();
        yield return new BagInfoCheck();
        yield return new ManifestsCheck();
        yield return new PayloadHashStart();
        yield return new FetchCheck();
        if (evidence)
        {
            yield return new CustodyManifestCheck();
        }
        yield return new SafePathsCheck();
        yield return new DuplicatesCheck();
        yield return new HashStep();
        yield return new PayloadFilesCheck();
        yield return new UnlistedFilesCheck();
        yield return new TagManifestCheck();
        if (evidence)
        {
            var timestamp = new TimestampCheck();
            yield return new CustodyFilesCheck();
            yield return new CustodyBagCheck();
            yield return new SignatureCheck(timestamp);
            yield return timestamp;
            yield return new CustodyChainCheck();
            yield return new CoverageCheck();
        }
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

        BagSnapshot snapshot;
        try
        {
            snapshot = BagSnapshot.Take(_bagFiles, root, new BagLimits(), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BundleReaderException)
        {
            checks.Add(CheckNames.Bundle, CheckOutcome.Fail, $"{bundlePath} could not be read: {e.Message}");
            return ErrorReport(bundlePath, checks, started);
        }
        using (snapshot)
        {
            string[] markers = [BundleLayout.BagitTxt, BundleLayout.DataDir, BundleLayout.PayloadManifest, BundleLayout.ManifestJson, BundleLayout.Journal];
            if (!markers.Any(snapshot.Contains))
            {
                checks.Add(CheckNames.Bundle, CheckOutcome.Fail,
                    $"{bundlePath} is not an evidence bundle or BagIt bag: it has no bagit.txt, data/, manifest-sha256.txt or custody/manifest.json.");
                return ErrorReport(bundlePath, checks, started);
            }
            return partial
                ? VerifyPartial(bundlePath, name, snapshot, started, cancellationToken)
                : VerifySealed(bundlePath, name, snapshot, started, cancellationToken);
        }
    }

    private VerificationReport VerifySealed(string bundlePath, string name, BagSnapshot snapshot, long started, CancellationToken cancellationToken)
    {
        var context = new VerificationContext(snapshot, _options, _signatureVerifier, _timestampVerifier, cancellationToken);
        context.Checks.Add(CheckNames.Bundle, CheckOutcome.Pass, context.Evidence
            ? $"{name} is a bundle directory."
            : $"{name} is a directory with no {BundleLayout.ManifestJson}: checked as a plain BagIt bag (RFC 8493).");
        try
        {
            foreach (var check in Checks(context.Evidence))
            {
                cancellationToken.ThrowIfCancellationRequested();
                check.Run(context);
            }
        }
        finally
        {
            // A run that ends before the hashing step (a check threw, or it was cancelled) stops the background hashing
            // and waits for it: no worker may read through the snapshot after it is disposed.
            context.PayloadHashing?.Dispose();
        }
        return new VerificationReport
        {
            BundlePath = bundlePath,
            Verdict = VerdictRules.Decide(context.Checks.Results, partial: false, unfetched: context.Unfetched.Count > 0),
            Checks = context.Checks.Results,
            Figures = Figures(context.FilesHashed, context.BytesHashed, started),
            Mode = context.Manifest?.Mode,
            Signed = context.Signed,
            Signer = context.Signature?.Signer,
            SigningTime = context.Signature?.SigningTime,
            PlainBag = !context.Evidence,
            Facts = new VerificationFacts(name, context.Manifest,
                context.ManifestBytes is null ? null : Hex.Sha256(context.ManifestBytes),
                context.SignatureBytes is null ? null : Hex.Sha256(context.SignatureBytes),
                context.Chain ?? new CustodyChainResult([], [], [], false),
                context.ManifestTimestamp),
        };
    }

    private VerificationReport VerifyPartial(string bundlePath, string name, BagSnapshot snapshot, long started, CancellationToken cancellationToken)
    {
        var checks = new CheckList();
        checks.Add(CheckNames.Bundle, CheckOutcome.Pass, $"{name} is a partial bundle directory.");
        var run = new PartialBundleVerification(snapshot, _options, checks, cancellationToken);
        run.Run();
        return new VerificationReport
        {
            BundlePath = bundlePath,
            Verdict = VerdictRules.Decide(checks.Results, partial: true),
            Checks = checks.Results,
            Figures = Figures(run.FilesHashed, run.BytesHashed, started),
            Partial = true,
            FinishedFiles = run.FinishedFiles,
            Facts = new VerificationFacts(name, null, null, null, new CustodyChainResult([], [], [], false), null),
        };
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
