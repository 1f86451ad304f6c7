using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// The detached CMS signature over manifest.json verifies, is by the certificate manifest.json names, and its signer
/// is trusted (signer-trust). An unsigned bundle is said to be unsigned; one that still carries what only a signed
/// bundle has (an examiner certificate, the custody-chain note, custody events) had its signature removed: INVALID.
/// </summary>
internal sealed class SignatureCheck(TimestampCheck timestamp) : IBagCheck
{
    public void Run(VerificationContext context)
    {
        var policy = timestamp.Evaluate(context);
        var entry = context.Snapshot.Find(BundleLayout.ManifestSignature);
        if (entry is null)
        {
            Unsigned(context);
            return;
        }
        context.Signed = true;
        var checks = context.Checks;
        var problem = context.Snapshot.NotReadable(BundleLayout.ManifestSignature)
            ?? (context.ManifestBytes is null ? $"{BundleLayout.ManifestJson} could not be read, so its signature cannot be checked" : null);
        if (problem is null)
        {
            try
            {
                context.SignatureBytes ??= context.Snapshot.ReadAll(BundleLayout.ManifestSignature, context.Snapshot.Limits.MaxSignatureBytes);
            }
            catch (BundleReaderException e)
            {
                problem = e.Message.TrimEnd('.');
            }
        }
        if (problem is not null)
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Fail, problem + ".");
            checks.Add(CheckNames.SignerTrust, CheckOutcome.Skip, "No signature that could be checked.");
            return;
        }
        var result = Verify(context, policy);
        context.Signature = result;
        Report(context, result);
    }

    private static SignatureVerification Verify(VerificationContext context, TrustPolicy policy)
    {
        try
        {
            return context.SignatureVerifier.Verify(context.ManifestBytes, context.SignatureBytes, policy);
        }
#pragma warning disable CA1031 // The port promises not to throw; if it does, the bundle is still judged, not crashed on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new SignatureVerification(false, false, null, null, $"the signature could not be checked: {e.Message}");
        }
    }

    private static void Report(VerificationContext context, SignatureVerification result)
    {
        var checks = context.Checks;
        var about = new List<string>();
        if (result.Signer is { } signer)
        {
            about.Add($"signer: {signer.Subject}");
            about.Add($"certificate SHA-256: {signer.CertificateSha256}");
            about.Add($"certificate valid {signer.NotBefore.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} to {signer.NotAfter.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }
        if (result.SigningTime is { } signingTime)
        {
            about.Add($"signing time: {signingTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }
        if (!result.SignatureValid)
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Fail, $"{BundleLayout.ManifestSignature} does not verify over {BundleLayout.ManifestJson}: {result.Detail}", about);
            checks.Add(CheckNames.SignerTrust, CheckOutcome.Skip, "The signature is not valid, so its signer is not judged.");
            return;
        }
        var claimed = context.Manifest?.Examiner?.CertificateSha256;
        if (claimed is not null && result.Signer is not null && Fingerprints.Normalize(claimed) != Fingerprints.Normalize(result.Signer.CertificateSha256))
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Fail,
                $"The signature verifies, but its certificate ({result.Signer.CertificateSha256}) is not the examiner certificate {BundleLayout.ManifestJson} names ({claimed}).", about);
        }
        else
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Pass,
                $"Valid CMS signature over {BundleLayout.ManifestJson}{(result.Signer is null ? "" : $", signed by {result.Signer.Subject}")}.", about);
        }
        if (result.Trusted)
        {
            checks.Add(CheckNames.SignerTrust, CheckOutcome.Pass, $"Trusted by your policy: {result.Detail}");
        }
        else
        {
            checks.Add(CheckNames.SignerTrust, CheckOutcome.Warn, context.Options.Trust.IsEmpty
                ? "Not trusted: no trust anchor or pinned fingerprint was given (--trust, --trust-fingerprint); a certificate inside the bundle is never trusted by itself."
                : $"Not trusted by your policy: {result.Detail}");
        }
    }

    private static void Unsigned(VerificationContext context)
    {
        var checks = context.Checks;
        var mode = context.Manifest?.Mode;
        var traces = DowngradeTraces(context);
        if (CollectionModes.Parse(mode) == CollectionMode.Prosecution)
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Fail,
                $"A prosecution bundle must be signed, but {BundleLayout.ManifestSignature} is missing.");
        }
        else if (traces.Count > 0)
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Fail,
                $"Unsigned, but the bundle carries what only a signed bundle has: its signature was removed ({BundleLayout.ManifestSignature} is missing).", traces);
        }
        else if (context.Options.RequireSignature)
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Warn, "Unsigned, but a signature is required (--require-signature).");
        }
        else
        {
            checks.Add(CheckNames.Signature, CheckOutcome.Skip, VerificationStatements.Unsigned + ".");
        }
        checks.Add(CheckNames.SignerTrust, CheckOutcome.Skip, "No signature.");
    }

    /// <summary>What a signed bundle has and an unsigned one never does: left behind when a signature is stripped.</summary>
    private static List<string> DowngradeTraces(VerificationContext context)
    {
        var traces = new List<string>();
        if (context.Manifest?.Examiner?.CertificateSha256 is { Length: > 0 } examiner)
        {
            traces.Add($"{BundleLayout.ManifestJson} names an examiner signing certificate ({examiner})");
        }
        if (context.Manifest?.Notes?.Contains(CustodyChainRules.ChainNote) ?? false)
        {
            traces.Add($"{BundleLayout.ManifestJson} says signed custody events follow it");
        }
        if (context.Snapshot.Contains(BundleLayout.EventsDir))
        {
            traces.Add($"{BundleLayout.EventsDir} is present (custody events are signed)");
        }
        if (context.Snapshot.Contains(BundleLayout.ManifestTimestamp))
        {
            traces.Add($"{BundleLayout.ManifestTimestamp} is present (a time-stamp over a signature that is not there)");
        }
        return traces;
    }
}
