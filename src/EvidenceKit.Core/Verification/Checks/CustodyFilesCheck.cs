using System.Globalization;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>manifest.json files[] agrees exactly with manifest-sha256.txt (split files: their parts joined match the record).</summary>
internal sealed class CustodyFilesCheck : IBagCheck
{
    public void Run(VerificationContext context)
    {
        var payload = context.PayloadManifests.FirstOrDefault(m => m.BagPath == BundleLayout.PayloadManifest && m.Readable);
        if (context.Manifest is not { } manifest || payload is null)
        {
            context.Checks.Add(CheckNames.CustodyFiles, CheckOutcome.Skip,
                $"Not checked: {(context.Manifest is null ? BundleLayout.ManifestJson : BundleLayout.PayloadManifest)} could not be read.");
            return;
        }
        var lines = payload.Lines.GroupBy(l => l.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var findings = new List<string>();
        for (var i = 0; i < manifest.Files.Count; i++)
        {
            var record = manifest.Files[i];
            var label = $"{BundleLayout.ManifestJson} files[{i}] ({record.Id})";
            var expected = record.Sha256.ToLowerInvariant();
            if (record.Parts is { Count: > 0 } parts)
            {
                foreach (var part in parts)
                {
                    claimed.Add(part);
                    if (!lines.ContainsKey(part))
                    {
                        findings.Add($"{CheckList.Show(part)} (part of {CheckList.Show(record.BagPath)}) is in {label} but not in {BundleLayout.PayloadManifest}");
                    }
                }
                var joined = context.HashOf("c:", i.ToString(CultureInfo.InvariantCulture));
                if (joined is null || joined.Error is not null)
                {
                    findings.Add($"{CheckList.Show(record.BagPath)}: its parts could not all be read, so the whole file's SHA-256 was not checked");
                    continue;
                }
                if (joined.Length != record.Size)
                {
                    findings.Add($"{CheckList.Show(record.BagPath)}: its parts hold {joined.Length} bytes, {label} says {record.Size}");
                }
                if (joined.Sha256 != expected)
                {
                    findings.Add($"{CheckList.Show(record.BagPath)}: SHA-256 of its parts joined is {joined.Sha256}, {label} says {expected}");
                }
                continue;
            }
            claimed.Add(record.BagPath);
            if (!lines.TryGetValue(record.BagPath, out var line))
            {
                findings.Add($"{CheckList.Show(record.BagPath)} is in {label} but not in {BundleLayout.PayloadManifest}");
            }
            else if (line.Hash != expected)
            {
                findings.Add($"{CheckList.Show(record.BagPath)}: {label} says SHA-256 {expected}, {BundleLayout.PayloadManifest} line {line.Line} says {line.Hash}");
            }
        }
        foreach (var line in payload.Lines.Where(l => !claimed.Contains(l.Path)))
        {
            findings.Add($"{CheckList.Show(line.Path)} is in {BundleLayout.PayloadManifest} line {line.Line} but not in {BundleLayout.ManifestJson} files[]");
        }
        context.Checks.PassOrFail(CheckNames.CustodyFiles, findings,
            $"{BundleLayout.ManifestJson} lists exactly the files of {BundleLayout.PayloadManifest}, with the same SHA-256.",
            $"{BundleLayout.ManifestJson} and {BundleLayout.PayloadManifest} disagree.");
    }
}
