using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// Signed means everything: in a signed bundle every file outside data/ is covered by a signature. Covered are the
/// files the signed manifest.json's bag record binds (bagit.txt, bag-info.txt, manifest-sha256.txt,
/// custody/collection.log), manifest.json and its .p7s, every file a validly signed custody event links by path and
/// SHA-256, and each such event's own .json, .p7s and .tsr. Tag manifests are allowed only for algorithms
/// manifest.json records and may list only covered files. Anything else (a new tag manifest, an added statement, a
/// rewritten VERIFY.txt) is named and makes the bundle INVALID; in a v1 bundle (sealed before this rule) an uncovered
/// VERIFY.txt or manifest time-stamp token is a warning.
/// </summary>
internal sealed class CoverageCheck : IBagCheck
{
    private static readonly HashSet<string> LegacyUncovered = new(StringComparer.Ordinal) { BundleLayout.VerifyTxt, BundleLayout.ManifestTimestamp };

    public void Run(VerificationContext context)
    {
        if (!context.Signed)
        {
            return;
        }
        var covered = Covered(context);
        var algorithms = context.Manifest?.HashAlgorithms ?? [];
        var failures = new List<string>();
        var legacy = new List<string>();
        var leftovers = new List<string>();
        var v1 = context.Manifest?.Schema == ManifestSchemas.V1;
        foreach (var entry in context.Snapshot.EntriesOutsidePayload().OrderBy(e => e.BagPath, StringComparer.Ordinal))
        {
            if (entry.Kind == BagEntryKind.Directory || BagPathRules.IsPayload(entry.BagPath) || covered.Contains(entry.BagPath))
            {
                continue;
            }
            if (context.AddLeftovers.Contains(entry.BagPath))
            {
                leftovers.Add($"{CheckList.Show(entry.BagPath)} was left by an interrupted custody add: not evidence, never read; the next custody add removes it");
                continue;
            }
            if (BagHashAlgorithms.FromFileName(entry.BagPath, "tagmanifest-") is { } algorithm)
            {
                if (!algorithms.Contains(algorithm))
                {
                    failures.Add($"{CheckList.Show(entry.BagPath)} is a tag manifest for {algorithm}, which {BundleLayout.ManifestJson} does not record: no signature covers it");
                }
                continue;
            }
            var finding = $"{CheckList.Show(entry.BagPath)} is not covered by any signature";
            (v1 && LegacyUncovered.Contains(entry.BagPath) ? legacy : failures).Add(finding);
        }
        foreach (var manifest in context.TagManifests)
        {
            foreach (var line in manifest.Lines.Where(l => !covered.Contains(l.Path)))
            {
                var finding = $"{manifest.BagPath} line {line.Line} lists {CheckList.Show(line.Path)}, which no signature covers";
                (v1 && LegacyUncovered.Contains(line.Path) ? legacy : failures).Add(finding);
            }
        }
        var checks = context.Checks;
        if (failures.Count > 0)
        {
            checks.Add(CheckNames.Coverage, CheckOutcome.Fail,
                $"{CheckList.Count(failures.Count, "tag file problem")}: a signed bundle holds nothing outside data/ that its signatures do not cover.",
                [.. failures, .. legacy, .. leftovers]);
        }
        else if (legacy.Count > 0 || leftovers.Count > 0)
        {
            if (legacy.Count == 0)
            {
                // The bundle is in its state before that add, which verifies; the leftovers are named, not judged.
                checks.Add(CheckNames.Coverage, CheckOutcome.Pass,
                    $"Every file outside data/ is covered by a signature; {CheckList.Count(leftovers.Count, "file")} an interrupted custody add left behind {(leftovers.Count == 1 ? "is" : "are")} ignored.",
                    leftovers);
                return;
            }
            checks.Add(CheckNames.Coverage, CheckOutcome.Warn,
                $"Sealed with the v1 manifest schema, before VERIFY.txt and the time-stamp token were signed: {CheckList.Count(legacy.Count, "file")} no signature covers.",
                [.. legacy, .. leftovers]);
        }
        else
        {
            checks.Add(CheckNames.Coverage, CheckOutcome.Pass,
                $"Every file outside data/ ({CheckList.Count(covered.Count, "file")}) is covered by the manifest's or a custody event's signature.");
        }
    }

    private static HashSet<string> Covered(VerificationContext context)
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        if (context.Signature is not { SignatureValid: true } || context.Manifest is not { } manifest)
        {
            return covered;
        }
        covered.Add(BundleLayout.ManifestJson);
        covered.Add(BundleLayout.ManifestSignature);
        foreach (var (path, expected) in CustodyBagCheck.Bound(manifest.Bag))
        {
            if (string.Equals(context.TagSha256(path), expected, StringComparison.OrdinalIgnoreCase))
            {
                covered.Add(path);
            }
        }
        if (manifest.Records is { } records && string.Equals(context.TagSha256(BundleLayout.FileRecords), records.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            covered.Add(BundleLayout.FileRecords);
        }
        foreach (var verified in context.Chain?.Events ?? [])
        {
            if (verified.Signature is not { SignatureValid: true } || verified.Event is not { } custodyEvent)
            {
                continue;
            }
            covered.Add(verified.Path);
            covered.Add(CustodyPaths.Signature(verified.Sequence));
            if (verified.Timestamp is { Valid: true })
            {
                covered.Add(CustodyPaths.Timestamp(verified.Sequence));
            }
            foreach (var link in custodyEvent.Previous)
            {
                if (link.Path is not null && string.Equals(context.TagSha256(link.Path), link.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    covered.Add(link.Path);
                }
            }
        }
        return covered;
    }
}
