using System.Runtime.InteropServices;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// No path is listed twice in one manifest, also not after Unicode NFC and case folding. Exact repeats were noted as
/// the manifest was read (<see cref="ManifestLines.Repeats"/>); folding twins are found by sorting one number per
/// path (the hash of its folded form) and comparing the folded forms only where two numbers meet, so a million-line
/// manifest needs no set of folded names.
/// </summary>
internal sealed class DuplicatesCheck : IBagCheck
{
    /// <summary>False under invariant globalization, where string.Normalize silently does nothing.</summary>
    private static bool NormalizationWorks => "e\u0301".Normalize(System.Text.NormalizationForm.FormC) == "\u00e9";

    public void Run(VerificationContext context)
    {
        var findings = new List<string>();
        foreach (var manifest in context.PayloadManifests.Concat(context.TagManifests))
        {
            FindRepeats(manifest, findings);
            FindFoldingTwins(manifest, findings);
        }
        if (context.RecordFindings is { } records)
        {
            // Two records of one path were found as the records were read; case and NFC twins among them are twins in
            // the payload manifest, judged above.
            findings.AddRange(records.Duplicates.ToList());
        }
        context.Checks.PassOrFail(CheckNames.DuplicateEntries, findings,
            NormalizationWorks
                ? "No path is listed twice, also not after Unicode NFC and case folding."
                : "No path is listed twice, also not after case folding; NFC folding is unavailable in this runtime (invariant globalization), so Unicode normalization twins were not looked for.",
            $"{CheckList.Count(findings.Count, "duplicate")} found.");
    }

    private static void FindRepeats(ManifestFile manifest, List<string> findings)
    {
        var lines = manifest.Lines;
        foreach (var same in lines.Repeats.GroupBy(r => r.First).OrderBy(g => g.Key))
        {
            var numbers = same.Select(r => lines.LineNumberAt(r.Line)).Prepend(lines.LineNumberAt(same.Key));
            findings.Add($"{manifest.BagPath} line {string.Join(", ", numbers)} all list {CheckList.Show(lines.PathAt(same.Key))}");
        }
    }

    private static void FindFoldingTwins(ManifestFile manifest, List<string> findings)
    {
        var lines = manifest.Lines;
        var repeated = lines.Repeats.Select(r => r.Line).ToHashSet();
        var keys = new int[lines.DistinctPaths];
        var order = new int[keys.Length];
        var n = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (repeated.Count == 0 || !repeated.Contains(i))
            {
                keys[n] = FoldedHash(lines.PathAt(i));
                order[n++] = i;
            }
        }
        Array.Sort(keys, order, 0, n);
        var twins = new List<List<int>>();
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }
            if (end - start > 1)
            {
                twins.AddRange(order[start..end].GroupBy(i => PathFolding.Fold(lines.PathAt(i)), StringComparer.Ordinal)
                    .Where(g => g.Count() > 1).Select(g => g.Order().ToList()));
            }
            start = end;
        }
        foreach (var group in twins.OrderBy(g => g[0]))
        {
            findings.Add($"{manifest.BagPath} line {string.Join(", ", group.Select(lines.LineNumberAt))} list "
                + $"{string.Join(" and ", group.Select(i => CheckList.Show(lines.PathAt(i))))}, one name on case-insensitive or normalizing file systems");
        }
    }

    /// <summary>The hash of <see cref="PathFolding.Fold"/>(<paramref name="path"/>), without folding an ASCII path into a new string.</summary>
    private static int FoldedHash(string path)
    {
        var hash = new HashCode();
        if (System.Text.Ascii.IsValid(path))
        {
            Span<char> lower = path.Length <= 1024 ? stackalloc char[path.Length] : new char[path.Length];
            System.Text.Ascii.ToLower(path, lower, out _);
            hash.AddBytes(MemoryMarshal.AsBytes((ReadOnlySpan<char>)lower));
        }
        else
        {
            hash.AddBytes(MemoryMarshal.AsBytes(PathFolding.Fold(path).AsSpan()));
        }
        return hash.ToHashCode();
    }
}
