using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>Every file each payload manifest lists exists as a regular file with that digest (and the size manifest.json says).</summary>
internal sealed class PayloadFilesCheck : IBagCheck
{
    public void Run(VerificationContext context)
    {
        var readable = context.PayloadManifests.Where(m => m.Readable).ToList();
        if (readable.Count == 0)
        {
            context.Checks.Add(CheckNames.PayloadFiles, CheckOutcome.Skip, "Not checked: no payload manifest could be read.");
            return;
        }
        var sizeProblems = context.RecordFindings?.SizeProblems ?? [];
        var findings = new List<string>();
        var bad = new HashSet<string>(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var manifest in readable)
        {
            foreach (var line in manifest.Lines)
            {
                listed.Add(line.Path);
                if (Problem(context, manifest, line, sizeProblems) is { } problem)
                {
                    findings.Add(problem);
                    bad.Add(line.Path);
                }
            }
        }
        var ok = listed.Count - bad.Count;
        var algorithms = string.Join(", ", readable.Select(m => BagHashAlgorithms.Display(m.Algorithm)).Distinct());
        context.Checks.PassOrFail(CheckNames.PayloadFiles, findings,
            $"{CheckList.Count(ok, "file")} present with the right size and {algorithms} ({context.BytesHashed} bytes hashed).",
            $"{CheckList.Count(findings.Count, "payload problem")}; {ok} of {listed.Count} listed files are intact.");
    }

    private static string? Problem(VerificationContext context, ManifestFile manifest, BundleReaderManifestLine line, Dictionary<string, string> sizeProblems)
    {
        var where = $"{manifest.BagPath} line {line.Line}";
        var shown = CheckList.Show(line.Path);
        if (context.UnsafePaths.Contains(line.Path))
        {
            return $"{where}: {shown} not checked (unsafe path)";
        }
        if (context.Snapshot.NotReadable(line.Path) is { } problem)
        {
            return $"{problem.Replace(line.Path, shown, StringComparison.Ordinal)} ({where})";
        }
        if (sizeProblems.TryGetValue(line.Path, out var sizeProblem))
        {
            return sizeProblem;
        }
        var hash = context.HashOf("p:", line.Path);
        if (hash?.Error is { } error)
        {
            return error;
        }
        if (hash?.Digests.GetValueOrDefault(manifest.Algorithm) is { } digest && digest != line.Hash)
        {
            return $"{shown}: {BagHashAlgorithms.Display(manifest.Algorithm)} is {digest}, {where} says {line.Hash}";
        }
        return null;
    }
}
