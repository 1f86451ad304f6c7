using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Custody;

namespace EvidenceKit.Verifier.Custody;

/// <summary>
/// <c>custody show BUNDLE</c>: the chain, one event a row (a table on a terminal, plain lines otherwise, --json for
/// machines), with what the chain check found. Exit 0 intact and trusted, 1 broken, 2 not a bundle, 3 untrusted.
/// </summary>
internal sealed class CustodyShowCommand(VerifierServices services, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal)
{
    public int Execute(CustodyShowSettings settings)
    {
        var (bundle, trust, json) = (settings.BundlePath, settings.Trust, settings.Json);
        if (trust.Validate() is { } problem)
        {
            stderr.WriteLine($"evidencekit-verify: {problem}");
            return ExitCodes.BadInput;
        }
        var fileSystem = new FileSystem();
        if (!fileSystem.File.Exists(fileSystem.Path.Combine(bundle, BundleLayout.ManifestJson)))
        {
            stderr.WriteLine($"evidencekit-verify: {TerminalText.Escape(bundle)} is not a bundle (it has no {BundleLayout.ManifestJson}).");
            return ExitCodes.BadInput;
        }
        TrustPolicy signers;
        TrustPolicy authorities;
        try
        {
            (signers, authorities) = trust.Load(services.LoadTrustAnchors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            stderr.WriteLine($"evidencekit-verify: the trust anchors could not be loaded: {TerminalText.Escape(e.Message)}");
            return ExitCodes.BadInput;
        }
        var chain = new CustodyChainVerifier(HostAdapters.BagFiles(fileSystem), services.CreateSignatureVerifier(), services.CreateTimestampVerifier(), signers, authorities)
            .Verify(bundle);
        var exit = chain.Problems.Count > 0 ? ExitCodes.Failed : chain.Untrusted.Count > 0 ? ExitCodes.Partial : ExitCodes.Ok;
        if (json)
        {
            ChainWriter.Json(chain, exit, stdout);
        }
        else if (stdoutIsTerminal)
        {
            ChainWriter.Table(chain, stdout);
        }
        else
        {
            ChainWriter.Plain(chain, stdout);
        }
        return exit;
    }
}
