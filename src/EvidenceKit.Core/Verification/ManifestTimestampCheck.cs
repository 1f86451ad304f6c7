using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// The RFC 3161 token over custody/manifest.json.p7s: checked before the signature, because a valid token from a
/// trusted authority moves the time at which the signer's certificate is judged to the token's genTime.
/// </summary>
internal sealed class ManifestTimestampCheck
{
    private readonly string? _problem;
    private readonly bool _present;

    public ManifestTimestampCheck(BundleReader reader, BagTree tree, ITimestampVerifier? verifier, VerificationOptions options)
    {
        SignerPolicy = options.Trust;
        _present = tree.Contains(BundleLayout.ManifestTimestamp);
        if (!_present || verifier is null)
        {
            return;
        }
        if (!tree.IsRegularFile(BundleLayout.ManifestTimestamp) || !tree.IsRegularFile(BundleLayout.ManifestSignature))
        {
            _problem = tree.IsRegularFile(BundleLayout.ManifestSignature)
                ? $"{BundleLayout.ManifestTimestamp} is not a regular file."
                : $"{BundleLayout.ManifestTimestamp} is present but {BundleLayout.ManifestSignature}, which it stamps, is not a readable file.";
            return;
        }
        try
        {
            var token = reader.ReadAllBytes(BundleLayout.ManifestTimestamp, CustodyChainRules.MaxSignatureBytes);
            var signature = reader.ReadAllBytes(BundleLayout.ManifestSignature, CustodyChainRules.MaxSignatureBytes);
            Result = verifier.Verify(token, signature, options.TsaTrust);
        }
        catch (BundleReaderException e)
        {
            _problem = e.Message;
            return;
        }
        if (Result is { Valid: true, Trusted: true, GenTime: { } genTime })
        {
            SignerPolicy = options.Trust with { ValidationTime = genTime };
        }
    }

    /// <summary>The token's check, when there was a token and a verifier.</summary>
    public TimestampVerification? Result { get; }

    /// <summary>The signer trust policy: the verifier's, judged at the token's time when the token is valid and trusted.</summary>
    public TrustPolicy SignerPolicy { get; }

    public void Report(CheckList checks, bool signed)
    {
        if (!_present)
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Skip, signed ? "No timestamp (the bundle was sealed without --tsa)." : "No timestamp.");
            return;
        }
        if (_problem is not null)
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Fail, _problem);
            return;
        }
        if (Result is null)
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Skip, $"{BundleLayout.ManifestTimestamp} is present but no time-stamp checker was configured.");
            return;
        }
        var about = new List<string>();
        if (Result.GenTime is { } genTime)
        {
            about.Add($"time-stamp time (genTime): {Timestamps.Format(genTime)}");
        }
        if (Result.AuthoritySubject is { } subject)
        {
            about.Add($"authority: {subject}");
        }
        if (Result.AuthorityCertificateSha256 is { } fingerprint)
        {
            about.Add($"authority certificate SHA-256: {fingerprint}");
        }
        if (!Result.Valid)
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Fail,
                $"{BundleLayout.ManifestTimestamp} is not a valid time-stamp over {BundleLayout.ManifestSignature}: {Result.Detail}", about);
        }
        else if (!Result.Trusted)
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Warn,
                $"The time-stamp is valid, but its authority is not trusted by your policy (--tsa-trust): {Result.Detail}", about);
        }
        else
        {
            checks.Add(CheckNames.Timestamp, CheckOutcome.Pass,
                $"Valid RFC 3161 time-stamp over {BundleLayout.ManifestSignature} from a trusted authority; the signer's certificate is judged at its time.", about);
        }
    }
}
