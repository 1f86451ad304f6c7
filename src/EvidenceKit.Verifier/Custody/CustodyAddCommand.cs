using System.CommandLine;
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
internal sealed class CustodyAddCommand(CustodyServices services, TextWriter stdout, TextWriter stderr)
{
    private readonly Argument<string> _bundle = new("BUNDLE") { Description = "The sealed bundle directory." };
    private readonly Option<string> _event = new("--event") { Description = $"What happened: {CustodyCommands.Kinds}.", Required = true };
    private readonly Option<string?> _actor = new("--actor") { Description = "Your name; it must be the common name (CN) of your signing certificate, which is used when this is left out." };
    private readonly Option<string> _key = new("--key") { Description = "Your PKCS#12 key (.p12); its passphrase from EVIDENCEKIT_KEY_PASSPHRASE or a prompt.", Required = true };
    private readonly Option<string?> _org = new("--org") { Description = "Your organization." };
    private readonly Option<string?> _from = new("--from") { Description = "Who or where the evidence came from." };
    private readonly Option<string?> _to = new("--to") { Description = "Who or where it goes to." };
    private readonly Option<string?> _reason = new("--reason") { Description = "Purpose or reason." };
    private readonly Option<string?> _location = new("--location") { Description = "Where this happens." };
    private readonly Option<string?> _medium = new("--medium") { Description = "What the evidence is on (drive and serial, share)." };
    private readonly Option<string?> _seal = new("--seal") { Description = "Seal or evidence bag number." };
    private readonly Option<string?> _tsa = new("--tsa") { Description = "RFC 3161 time-stamp authority URL: the event's signature is time-stamped (.p7s.tsr)." };
    private readonly Option<string[]> _trust = TrustOptions.Trust();
    private readonly Option<string[]> _fingerprint = TrustOptions.Fingerprint();
    private readonly Option<string[]> _tsaTrust = TrustOptions.TsaTrust();
    private readonly Option<bool> _json = new("--json") { Description = "Print the added event as JSON." };

    public Command Build()
    {
        var command = new Command("add", "Verify the bundle, then append a custody event signed with your key. Refuses an INVALID bundle.")
        {
            _bundle, _event, _actor, _key, _org, _from, _to, _reason, _location, _medium, _seal, _tsa, _trust, _fingerprint, _tsaTrust, _json,
        };
        command.SetAction((parsed, cancellationToken) => ExecuteAsync(Read(parsed), cancellationToken));
        return command;
    }

    private CustodyAddSettings Read(ParseResult parsed) => new(
        parsed.GetValue(_bundle) ?? "",
        parsed.GetValue(_event) ?? "",
        parsed.GetValue(_actor),
        parsed.GetValue(_key) ?? "",
        new TrustSettings(parsed.GetValue(_trust) ?? [], parsed.GetValue(_fingerprint) ?? [], parsed.GetValue(_tsaTrust) ?? []),
        parsed.GetValue(_org),
        parsed.GetValue(_from),
        parsed.GetValue(_to),
        parsed.GetValue(_reason),
        parsed.GetValue(_location),
        parsed.GetValue(_medium),
        parsed.GetValue(_seal),
        parsed.GetValue(_tsa),
        parsed.GetValue(_json));

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
        var report = new BundleVerifier(fileSystem, HostAdapters.BagFiles(fileSystem), services.CreateSignatureVerifier(), services.CreateTimestampVerifier(), TimeProvider.System, options)
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
            VerifiedAt = Timestamps.Format(TimeProvider.System.GetUtcNow()),
            Verifier = $"evidencekit-verify {ToolIdentity.Version}",
            Files = report.Figures.Files,
            Bytes = report.Figures.Bytes,
            EventsBefore = report.Facts?.Chain.Events.Count ?? 0,
            Warnings = report.Checks.Where(c => c.Outcome == CheckOutcome.Warn).Select(c => $"{c.Name}: {c.Detail}").ToList(),
        };

        AppendedCustodyEvent added;
        try
        {
            added = await new CustodyEventAppender(fileSystem, HostAdapters.TargetStores(fileSystem), TimeProvider.System)
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
