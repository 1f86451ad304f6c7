using EvidenceKit.Core.Bundles;

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
        var payload = context.Snapshot.Entries
            .Where(e => BagPathRules.IsPayload(e.BagPath) && e.Kind != BagEntryKind.Directory)
            .Select(e => e.BagPath)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var manifest in readable)
        {
            var listed = manifest.Lines.Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
            findings.AddRange(payload.Where(p => !listed.Contains(p)).Select(p => $"{CheckList.Show(p)} is not listed in {manifest.BagPath}"));
        }
        var dataDir = context.Snapshot.Find(BundleLayout.DataDir);
        if (dataDir?.Kind != BagEntryKind.Directory)
        {
            findings.Insert(0, dataDir is null ? "data/ is missing" : $"data is {dataDir.Describe()}, not a directory");
        }
        context.Checks.PassOrFail(CheckNames.UnlistedFiles, findings,
            $"Every file in data/ is listed in {string.Join(" and ", readable.Select(m => m.BagPath))}.",
            $"{CheckList.Count(findings.Count, "file")} in data/ that a manifest does not list.");
    }
}
