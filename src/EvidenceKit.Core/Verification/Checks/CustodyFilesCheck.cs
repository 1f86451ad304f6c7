using System.Globalization;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// The custody records (manifest.json files[] in v1 and v2, custody/files.jsonl in v3) agree exactly with
/// manifest-sha256.txt (split files: their parts joined match the record). The records were compared as they were
/// read (<see cref="Records.RecordsPass"/>); the joined parts are judged here, after hashing.
/// </summary>
internal sealed class CustodyFilesCheck : IBagCheck
{
    public void Run(VerificationContext context)
    {
        if (context.Manifest is null || context.RecordFindings is not { Compared: true } records)
        {
            context.Checks.Add(CheckNames.CustodyFiles, CheckOutcome.Skip,
                $"Not checked: {(context.Manifest is null ? BundleLayout.ManifestJson : BundleLayout.PayloadManifest)} could not be read.");
            return;
        }
        var findings = records.Disagreements.ToList();
        foreach (var (index, where, record) in records.Split)
        {
            var joined = context.HashOf("c:", index.ToString(CultureInfo.InvariantCulture));
            if (joined is null || joined.Error is not null)
            {
                findings.Add($"{CheckList.Show(record.BagPath)}: its parts could not all be read, so the whole file's SHA-256 was not checked");
                continue;
            }
            if (joined.Length != record.Size)
            {
                findings.Add($"{CheckList.Show(record.BagPath)}: its parts hold {joined.Length} bytes, {where} says {record.Size}");
            }
            var expected = record.Sha256.ToLowerInvariant();
            if (joined.Sha256 != expected)
            {
                findings.Add($"{CheckList.Show(record.BagPath)}: SHA-256 of its parts joined is {joined.Sha256}, {where} says {expected}");
            }
        }
        context.Checks.PassOrFail(CheckNames.CustodyFiles, findings,
            $"{records.Source} lists exactly the files of {BundleLayout.PayloadManifest}, with the same SHA-256.",
            $"{records.Source} and {BundleLayout.PayloadManifest} disagree.");
    }
}
