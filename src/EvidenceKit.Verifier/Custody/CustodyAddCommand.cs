using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Platform.Linux;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification;
using EvidenceKit.Verifier.Output;

namespace EvidenceKit.Verifier.Custody;

/// <summary>
/// <c>custody add BUNDLE --event KIND [--actor NAME] --key FILE.p12</c>: verifies the bundle, refuses an INVALID (or
/// partial) one, and appends a signed event that records the verification. The event's actor is the common name of the
/// signing certificate; an --actor that differs is refused. Exit 0 when the event was added, 1 when the bundle is
/// INVALID or partial, 2 on bad input.
/// </summary>
internal sealed class CustodyAddCommand(VerifierServices services, TextWriter stdout, TextWriter stderr)
{
    public async Task<int> ExecuteAsync(CustodyAddSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Validate() is { } problem)
        {
            return Fail(ExitCodes.BadInput, problem);
        }
        var passphrase = services.ReadPassphrase($"Passphrase for {settings.KeyPath}: ");
        if (passphrase is null)
        {
            return Fail(ExitCodes.BadInput, $"No passphrase for {settings.KeyPath}: set {Secrets.KeyPassphraseVariable}, or run on a terminal to be asked for it.");
        }

        ISigner signer;
        TrustPolicy signers;
        TrustPolicy authorities;
        ITimestamper? timestamper;
        try
        {
            signer = services.LoadKey(settings.KeyPath, passphrase);
            (signers, authorities) = settings.Trust.Load(services.LoadTrustAnchors);
            timestamper = settings.Tsa is { } url ? services.CreateTimestamper(url) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            return Fail(ExitCodes.BadInput, e.Message);
        }
        if (settings.ActorProblem(signer.Identity) is { } actorProblem)
        {
            return Fail(ExitCodes.BadInput, actorProblem);
        }

        var fileSystem = new FileSystem();
        var options = new VerificationOptions { Trust = signers, TsaTrust = authorities };
        var report = new BundleVerifier(fileSystem, HostAdapters.BagFiles(fileSystem), services.CreateSignatureVerifier(), services.CreateTimestampVerifier(), services.Time, options)
            .Verify(settings.BundlePath, cancellationToken);
        switch (report.Verdict)
        {
            case Verdict.Error:
                return Fail(ExitCodes.BadInput, $"{settings.BundlePath} is not a bundle: {report.Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Fail)?.Detail}");
            case Verdict.Invalid:
                stderr.WriteLine($"evidencekit-verify: refusing to add a custody event: {settings.BundlePath} is INVALID. Failed checks:");
                foreach (var check in report.Checks.Where(c => c.Outcome == CheckOutcome.Fail))
                {
                    stderr.WriteLine($"  {check.Name}: {TerminalText.Escape(check.Detail)}");
                }
                stderr.WriteLine("Run 'evidencekit-verify BUNDLE --verbose' for every finding; do not pass the evidence on as it is.");
                return ExitCodes.Failed;
            case Verdict.Incomplete:
                return Fail(ExitCodes.Failed, $"refusing to add a custody event: {settings.BundlePath} is a partial bundle that was never sealed.");
        }

        var verification = new CustodyVerificationRecord
        {
            Verdict = ReportText.Verdict(report.Verdict),
            VerifiedAt = Timestamps.Format(services.Time.GetUtcNow()),
            Verifier = $"evidencekit-verify {ToolIdentity.Version}",
            Files = report.Figures.Files,
            Bytes = report.Figures.Bytes,
            EventsBefore = report.Facts?.Chain.Events.Count ?? 0,
            Warnings = report.Checks.Where(c => c.Outcome == CheckOutcome.Warn).Select(c => $"{c.Name}: {c.Detail}").ToList(),
        };

        AppendedCustodyEvent added;
        try
        {
            added = await new CustodyEventAppender(fileSystem, HostAdapters.TargetStores(fileSystem), services.Time)
                .AppendAsync(settings.BundlePath, settings.Details(signer.Identity), signer, verification, timestamper, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CustodyException e)
        {
            return Fail(ExitCodes.Failed, e.Message);
        }
        catch (TimestampException e)
        {
            return Fail(ExitCodes.Failed, $"no event was added: the time-stamp authority failed: {e.Message}");
        }

        if (settings.Json)
        {
            stdout.Write(System.Text.Encoding.UTF8.GetString(Core.Bundles.Manifest.ManifestJson.ToUtf8(added.Event)));
        }
        else
        {
            stdout.WriteLine($"Added {added.Path}: {added.Event.Kind} by {added.Event.Actor.Name}, {added.Event.Time}.");
            stdout.WriteLine($"The bundle was {verification.Verdict} before ({verification.Files} files, {verification.Bytes} bytes checked); that result is recorded in the event.");
            stdout.WriteLine($"SHA-256 of {added.Path}: {added.Sha256}");
            stdout.WriteLine("Keep that SHA-256 in your own notes or receipt: it proves later that no event after yours was removed.");
            if (report.Verdict == Verdict.Untrusted)
            {
                stdout.WriteLine("Note: the bundle is UNTRUSTED by your policy (give --trust with the examiner's root or certificate to judge the signers).");
            }
        }
        return ExitCodes.Ok;
    }

    private int Fail(int code, string message)
    {
        stderr.WriteLine($"evidencekit-verify: {TerminalText.Escape(message)}");
        return code;
    }
}
