using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;
using EvidenceKit.Verifier.Folder;
using EvidenceKit.Verifier.Output;

namespace EvidenceKit.Verifier;

/// <summary>
/// <c>evidencekit-verify BUNDLE</c>: validates the settings, loads the trust anchors, runs <see cref="BundleVerifier"/>
/// and prints its report, and on request writes the custody report (HTML, PDF) and the CASE export. The exit code is
/// the verdict's (<see cref="ExitCodes.Of"/>); bad input is a <see cref="CliException"/> (exit 2).
/// </summary>
internal sealed class VerifyCommand(VerifierServices services, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal)
{
    public int Execute(VerifySettings settings)
    {
        if (settings.Validate() is { } problem)
        {
            throw CliException.BadInput(problem);
        }

        TrustPolicy signers;
        TrustPolicy authorities;
        try
        {
            (signers, authorities) = settings.Trust.Load(services.LoadTrustAnchors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or ArgumentException)
        {
            throw CliException.BadInput($"the trust anchors could not be loaded: {e.Message}", e);
        }

        var options = new VerificationOptions { Trust = signers, TsaTrust = authorities, RequireSignature = settings.RequireSignature };
        var fileSystem = new FileSystem();
        BundleVerifier Verifier(IBagFilesFactory bagFiles) =>
            new(fileSystem, bagFiles, services.CreateSignatureVerifier(), services.CreateTimestampVerifier(), services.Time, options);
        if (BundleFolder.IsFolderOfBundles(settings.BundlePath))
        {
            return FolderCommand.Execute(settings, Verifier, stdout, stderr);
        }
        if (settings.ExpectHost is not null)
        {
            throw CliException.BadInput("--expect-host applies to a folder of bundles; give the folder the bundle is in.");
        }
        var report = Verifier(HostAdapters.BagFiles(fileSystem)).Verify(settings.BundlePath);

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

        return ReportFiles.Write(settings, report, () => BundleDossier.Load(report, ToolIdentity.Version, services.Time.GetUtcNow()), stderr);
    }
}
