using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// What the verification read and judged, for the outputs that show more than the checks (the custody report, the
/// CASE export, custody show): a projection of the one snapshot, so no output reads the bundle a second time or can
/// disagree with the verdict.
/// </summary>
/// <param name="BundleName">The bundle directory's name.</param>
/// <param name="Manifest">custody/manifest.json as parsed, when it could be read and parsed.</param>
/// <param name="ManifestSha256">SHA-256 of manifest.json's exact bytes, when read.</param>
/// <param name="SignatureSha256">SHA-256 of custody/manifest.json.p7s, when read.</param>
/// <param name="Chain">The custody chain as judged (empty when there is none).</param>
/// <param name="ManifestTimestamp">The manifest's RFC 3161 token as judged, when there was one and a checker.</param>
public sealed record VerificationFacts(
    string BundleName,
    CustodyManifest? Manifest,
    string? ManifestSha256,
    string? SignatureSha256,
    CustodyChainResult Chain,
    TimestampVerification? ManifestTimestamp);
