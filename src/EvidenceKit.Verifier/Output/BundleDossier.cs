using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Output;

/// <summary>
/// Everything the custody report and the CASE export say about one bundle: a projection of the verification report
/// (its <see cref="VerificationReport.Facts"/>), so neither reads the bundle again nor can disagree with the verdict.
/// </summary>
internal sealed record BundleDossier(
    string BundleName,
    VerificationReport Report,
    CustodyManifest? Manifest,
    string? ManifestSha256,
    string? SignatureSha256,
    CustodyChainResult Chain,
    TimestampVerification? ManifestTimestamp,
    string VerifierVersion,
    DateTimeOffset VerifiedAt)
{
    public static BundleDossier Load(VerificationReport report, string verifierVersion, DateTimeOffset verifiedAt)
    {
        var facts = report.Facts ?? new VerificationFacts(
            Path.GetFileName(Path.TrimEndingDirectorySeparator(report.BundlePath)), null, null, null, new CustodyChainResult([], [], [], false), null);
        return new BundleDossier(facts.BundleName, report, facts.Manifest, facts.ManifestSha256, facts.SignatureSha256,
            facts.Chain, facts.ManifestTimestamp, verifierVersion, verifiedAt);
    }
}
