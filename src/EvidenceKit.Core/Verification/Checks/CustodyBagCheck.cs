using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>manifest.json's bag record agrees with the tag files it binds (bagit.txt, bag-info.txt, manifest-sha256.txt, collection.log) and the payload.</summary>
internal sealed class CustodyBagCheck : IBagCheck
{
    /// <summary>The tag files the signed manifest binds by SHA-256, with the field that holds each hash.</summary>
    public static IEnumerable<(string Path, string Expected)> Bound(Bundles.Manifest.BagRecord bag) =>
    [
        (BundleLayout.BagitTxt, bag.BagitTxtSha256),
        (BundleLayout.BagInfoTxt, bag.BagInfoTxtSha256),
        (BundleLayout.PayloadManifest, bag.ManifestSha256TxtSha256),
        (BundleLayout.CollectionLog, bag.CollectionLogSha256),
    ];

    public void Run(VerificationContext context)
    {
        if (context.Manifest is not { } manifest)
        {
            context.Checks.Add(CheckNames.CustodyBag, CheckOutcome.Skip, $"Not checked: {BundleLayout.ManifestJson} could not be read.");
            return;
        }
        var bag = manifest.Bag;
        var findings = new List<string>();
        foreach (var (path, expected) in Bound(bag))
        {
            var hash = context.HashOf("t:", path);
            if (context.Snapshot.NotReadable(path) is { } problem)
            {
                findings.Add($"{problem}, but {BundleLayout.ManifestJson} binds its SHA-256");
            }
            else if (hash?.Sha256 is null)
            {
                findings.Add(hash?.Error ?? $"{path} could not be read");
            }
            else if (!string.Equals(hash.Sha256, expected, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"{path}: SHA-256 is {hash.Sha256}, {BundleLayout.ManifestJson} bag says {expected}");
            }
        }
        if (manifest.Records is { } records)
        {
            var hash = context.HashOf("t:", BundleLayout.FileRecords);
            if (hash?.Sha256 is { } sha && !string.Equals(sha, records.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"{BundleLayout.FileRecords}: SHA-256 is {sha}, {BundleLayout.ManifestJson} records says {records.Sha256}");
            }
            var recordsOxum = BagItText.PayloadOxum(records.PayloadBytes, records.Count);
            if (bag.PayloadOxum != recordsOxum)
            {
                findings.Add($"Payload-Oxum: {BundleLayout.ManifestJson} bag says {bag.PayloadOxum}, its records section counts {recordsOxum}");
            }
        }
        var actualOxum = BagInfoCheck.ActualOxum(context.Snapshot);
        if (bag.PayloadOxum != actualOxum)
        {
            findings.Add($"Payload-Oxum: {BundleLayout.ManifestJson} bag says {bag.PayloadOxum}, data/ holds {actualOxum}");
        }
        if (context.BagInfo?.FirstOrDefault(f => BagInfoCheck.IsOxumLabel(f.Label))?.Value is { } infoOxum && infoOxum != bag.PayloadOxum)
        {
            findings.Add($"Payload-Oxum: {BundleLayout.ManifestJson} bag says {bag.PayloadOxum}, {BundleLayout.BagInfoTxt} says {infoOxum}");
        }
        context.Checks.PassOrFail(CheckNames.CustodyBag, findings,
            $"{BundleLayout.ManifestJson} binds bagit.txt, bag-info.txt, manifest-sha256.txt and collection.log, and all match.",
            $"The tag files are not the ones {BundleLayout.ManifestJson} was written with.");
    }
}
