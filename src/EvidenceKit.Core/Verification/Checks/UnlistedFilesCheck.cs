using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification.Records;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>Every file in data/ is listed in every payload manifest (RFC 8493 3), and data/ is a directory.</summary>
internal sealed class UnlistedFilesCheck : IBagCheck
{
    public void Run(VerificationContext context)
    {
        var readable = context.PayloadManifests.Where(m => m.Readable).ToList();
        if (readable.Count == 0)
        {
            context.Checks.Add(CheckNames.UnlistedFiles, CheckOutcome.Skip, "Not checked: no payload manifest could be read.");
            return;
        }
        var findings = new List<string>();
        var snapshot = context.Snapshot;
        var total = 0L;
        foreach (var manifest in readable)
        {
            var unlisted = new CappedFindings();
            foreach (var entry in snapshot.PayloadFiles().Where(e => manifest.Lines.FirstLineOfEntry(e) < 0)
                .Select(snapshot.PathAt).Order(StringComparer.Ordinal))
            {
                unlisted.Add($"{CheckList.Show(entry)} is not listed in {manifest.BagPath}");
            }
            findings.AddRange(unlisted.ToList());
            total += unlisted.Total;
        }
        var dataDir = context.Snapshot.Find(BundleLayout.DataDir);
        if (dataDir?.Kind != BagEntryKind.Directory)
        {
            findings.Insert(0, dataDir is null ? "data/ is missing" : $"data is {dataDir.Describe()}, not a directory");
            total++;
        }
        context.Checks.PassOrFail(CheckNames.UnlistedFiles, findings,
            $"Every file in data/ is listed in {string.Join(" and ", readable.Select(m => m.BagPath))}.",
            $"{CheckList.Count(total, "file")} in data/ that a manifest does not list.");
    }
}
