using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// Every tag manifest's lines name tag files that exist with that digest. An EvidenceKit bundle must have
/// tagmanifest-sha256.txt and it must list every tag file; in a plain bag tag manifests are optional (RFC 8493).
/// </summary>
internal sealed class TagManifestCheck : IBagCheck
{
    public static bool IsTagManifestName(string bagPath) => BagHashAlgorithms.FromFileName(bagPath, "tagmanifest-") is not null;

    public void Run(VerificationContext context)
    {
        var checks = context.Checks;
        var sha256 = context.TagManifests.FirstOrDefault(m => m.BagPath == BundleLayout.TagManifest);
        if (context.Evidence && sha256 is null)
        {
            checks.Add(CheckNames.TagManifest, CheckOutcome.Fail, context.Snapshot.NotReadable(BundleLayout.TagManifest) + ".");
            return;
        }
        if (context.TagManifests.Count == 0)
        {
            checks.Add(CheckNames.TagManifest, CheckOutcome.Pass, "No tag manifest (optional in a plain BagIt bag).");
            return;
        }
        var findings = context.TagManifests.Where(m => !m.Readable).Select(m => m.Problem!).ToList();
        foreach (var manifest in context.TagManifests.Where(m => m.Readable))
        {
            foreach (var line in manifest.Lines)
            {
                if (Problem(context, manifest, line) is { } problem)
                {
                    findings.Add(problem);
                }
            }
        }
        if (context.Evidence && sha256 is { Readable: true })
        {
            var listed = sha256.Lines.Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in context.Snapshot.EntriesOutsidePayload().OrderBy(e => e.BagPath, StringComparer.Ordinal))
            {
                // Event files need no line here: each is judged by its own signature (custody-chain, coverage), so a
                // custody add killed after publishing its event and before replacing this manifest leaves a valid bundle.
                if (entry.Kind != BagEntryKind.Directory && !BagPathRules.IsPayload(entry.BagPath)
                    && !IsTagManifestName(entry.BagPath) && !listed.Contains(entry.BagPath)
                    && !context.AddLeftovers.Contains(entry.BagPath) && !IsEventFile(entry.BagPath))
                {
                    findings.Add($"{CheckList.Show(entry.BagPath)} is a tag file not listed in {BundleLayout.TagManifest}");
                }
            }
        }
        var count = context.TagManifests.Sum(m => m.Lines.Count);
        checks.PassOrFail(CheckNames.TagManifest, findings,
            context.Evidence
                ? $"{CheckList.Count(sha256!.Lines.Count, "tag file")} listed, every one intact, none unlisted."
                : $"{CheckList.Count(count, "tag manifest line")} in {string.Join(", ", context.TagManifests.Select(m => m.BagPath))}, every one intact.",
            $"{CheckList.Count(findings.Count, "tag file problem")}.");
    }

    private static string? Problem(VerificationContext context, ManifestFile manifest, BundleReaderManifestLine line)
    {
        var shown = CheckList.Show(line.Path);
        var where = $"{manifest.BagPath} line {line.Line}";
        if (context.UnsafePaths.Contains(line.Path))
        {
            return $"{where}: {shown} not checked (unsafe path)";
        }
        if (BagPathRules.IsPayload(line.Path))
        {
            return $"{where}: {shown} is a payload file, not a tag file";
        }
        if (context.Snapshot.NotReadable(line.Path) is { } problem)
        {
            return $"{problem.Replace(line.Path, shown, StringComparison.Ordinal)} ({where})";
        }
        if (context.HashOf("t:", line.Path) is not { } hash)
        {
            return null;
        }
        if (hash.Error is not null)
        {
            return hash.Error;
        }
        var digest = hash.Digests.GetValueOrDefault(manifest.Algorithm);
        return digest == line.Hash ? null : $"{shown}: {BagHashAlgorithms.Display(manifest.Algorithm)} is {digest}, {where} says {line.Hash}";
    }

    private static bool IsEventFile(string bagPath) =>
        bagPath.StartsWith(BundleLayout.EventsDir + "/", StringComparison.Ordinal)
        && Custody.CustodyPaths.Parse(bagPath[(BundleLayout.EventsDir.Length + 1)..]) is not null;
}
