using EvidenceKit.Core.Verification.Records;
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
        var findings = new CappedFindings();
        // Distinct listed paths, and those with a problem: by entry number where the walk listed the path, else by text.
        var badEntries = new byte[context.Snapshot.EntrySlots];
        var listedOther = new HashSet<string>(StringComparer.Ordinal);
        var badOther = new HashSet<string>(StringComparer.Ordinal);
        var listedEntries = new byte[context.Snapshot.EntrySlots];
        long listedCount = 0, badCount = 0;
        for (var m = 0; m < context.PayloadManifests.Count; m++)
        {
            var manifest = context.PayloadManifests[m];
            if (!manifest.Readable)
            {
                continue;
            }
            for (var i = 0; i < manifest.Lines.Count; i++)
            {
                var entry = manifest.Lines.EntryAt(i);
                var isNew = entry >= 0 ? listedEntries[entry] == 0 : listedOther.Add(manifest.Lines.PathAt(i));
                if (entry >= 0)
                {
                    listedEntries[entry] = 1;
                }
                listedCount += isNew ? 1 : 0;
                if (Problem(context, m, manifest, i, sizeProblems) is { } problem)
                {
                    findings.Add(problem);
                    var isNewBad = entry >= 0 ? badEntries[entry] == 0 : badOther.Add(manifest.Lines.PathAt(i));
                    if (entry >= 0)
                    {
                        badEntries[entry] = 1;
                    }
                    badCount += isNewBad ? 1 : 0;
                }
            }
        }
        var ok = listedCount - badCount;
        var algorithms = string.Join(", ", readable.Select(m => BagHashAlgorithms.Display(m.Algorithm)).Distinct());
        context.Checks.PassOrFail(CheckNames.PayloadFiles, findings.ToList(),
            $"{CheckList.Count(ok, "file")} present with the right size and {algorithms} ({context.BytesHashed} bytes hashed).",
            $"{CheckList.Count(findings.Total, "payload problem")}; {ok} of {listedCount} listed files are intact.");
    }

    private static string? Problem(VerificationContext context, int m, ManifestFile manifest, int i, Dictionary<string, string> sizeProblems)
    {
        var lines = manifest.Lines;
        var entry = lines.EntryAt(i);
        var snapshot = context.Snapshot;
        var fine = entry >= 0 && snapshot.KindAt(entry) == BagEntryKind.RegularFile && context.UnsafePaths.Count == 0 && sizeProblems.Count == 0
            && context.Payload.Error(entry) is null && !context.Payload.IsMismatch(m, i);
        if (fine)
        {
            return null;
        }
        var path = lines.PathAt(i);
        var where = $"{manifest.BagPath} line {lines.LineNumberAt(i)}";
        var shown = CheckList.Show(path);
        if (context.UnsafePaths.Contains(path))
        {
            return $"{where}: {shown} not checked (unsafe path)";
        }
        if (snapshot.NotReadable(path) is { } problem)
        {
            return $"{problem.Replace(path, shown, StringComparison.Ordinal)} ({where})";
        }
        if (sizeProblems.TryGetValue(path, out var sizeProblem))
        {
            return sizeProblem;
        }
        if (context.Payload.Error(entry) is { } error)
        {
            return error;
        }
        if (context.Payload.IsMismatch(m, i))
        {
            var actual = context.Payload.Actual(m, i);
            return actual is null
                ? $"{shown}: {BagHashAlgorithms.Display(manifest.Algorithm)} differs from what {where} says (one of many such files; the first are named)"
                : $"{shown}: {BagHashAlgorithms.Display(manifest.Algorithm)} is {actual}, {where} says {Convert.ToHexStringLower(lines.DigestAt(i))}";
        }
        return null;
    }
}
