using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// The RFC 3161 token over custody/manifest.json.p7s. <see cref="Evaluate"/> runs before the signature check: a valid
/// token from a trusted authority proves the signature existed at genTime, so the signer's certificate is judged
/// then; <see cref="Run"/> reports it after the signature.
/// </summary>
internal sealed class TimestampCheck : IBagCheck
{
    private string? _problem;
    private bool _present;

    /// <summary>The signer trust policy: the verifier's, judged at the token's time when the token is valid and trusted.</summary>
    public TrustPolicy Evaluate(VerificationContext context)
    {
        var snapshot = context.Snapshot;
        _present = snapshot.Contains(BundleLayout.ManifestTimestamp);
        if (!_present || context.TimestampVerifier is null)
        {
            return context.Options.Trust;
        }
        if (snapshot.NotReadable(BundleLayout.ManifestTimestamp) is { } notFile)
        {
            _problem = notFile + ".";
            return context.Options.Trust;
        }
        if (!snapshot.IsRegularFile(BundleLayout.ManifestSignature))
        {
            _problem = $"{BundleLayout.ManifestTimestamp} is present but {BundleLayout.ManifestSignature}, which it stamps, is not a readable file.";
            return context.Options.Trust;
        }
        try
        {
            var token = snapshot.ReadAll(BundleLayout.ManifestTimestamp, snapshot.Limits.MaxSignatureBytes);
            context.SignatureBytes ??= snapshot.ReadAll(BundleLayout.ManifestSignature, snapshot.Limits.MaxSignatureBytes);
            context.ManifestTimestamp = context.TimestampVerifier.Verify(token, context.SignatureBytes, context.Options.TsaTrust);
        }
        catch (BundleReaderException e)
        {
            _problem = e.Message;
            return context.Options.Trust;
        }
        return context.ManifestTimestamp is { Valid: true, Trusted: true, GenTime: { } genTime }
            ? context.Options.Trust with { ValidationTime = genTime }
            : context.Options.Trust;
    }

    public void Run(VerificationContext context)
    {
        var checks = context.Checks;
        var result = context.ManifestTimestamp;
        if (!_present)
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Skip, context.Signed ? "No timestamp (the bundle was sealed without --tsa)." : "No timestamp.");
            return;
        }
        if (_problem is not null)
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Fail, _problem);
            return;
        }
        if (result is null)
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Skip, $"{BundleLayout.ManifestTimestamp} is present but no time-stamp checker was configured.");
            return;
        }
        var about = new List<string>();
        if (result.GenTime is { } genTime)
        {
            about.Add($"time-stamp time (genTime): {Timestamps.Format(genTime)}");
        }
        if (result.AuthoritySubject is { } subject)
        {
            about.Add($"authority: {subject}");
        }
        if (result.AuthorityCertificateSha256 is { } fingerprint)
        {
            about.Add($"authority certificate SHA-256: {fingerprint}");
        }
        if (!result.Valid)
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Fail,
                $"{BundleLayout.ManifestTimestamp} is not a valid time-stamp over {BundleLayout.ManifestSignature}: {result.Detail}", about);
        }
        else if (!result.Trusted)
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Warn,
                $"The time-stamp is valid, but its authority is not trusted by your policy (--tsa-trust): {result.Detail}", about);
        }
        else
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Pass,
                $"Valid RFC 3161 time-stamp over {BundleLayout.ManifestSignature} from a trusted authority; the signer's certificate is judged at its time.", about);
        }
    }
}
