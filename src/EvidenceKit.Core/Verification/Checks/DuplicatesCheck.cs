using System.Globalization;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>No path is listed twice in one manifest, also not after Unicode NFC and case folding.</summary>
internal sealed class DuplicatesCheck : IBagCheck
{
    /// <summary>False under invariant globalization, where string.Normalize silently does nothing.</summary>
    private static bool NormalizationWorks => "e\u0301".Normalize(System.Text.NormalizationForm.FormC) == "\u00e9";

    public void Run(VerificationContext context)
    {
        var findings = new List<string>();
        foreach (var manifest in context.PayloadManifests.Concat(context.TagManifests))
        {
            FindDuplicates(manifest.BagPath, "line", manifest.Lines.Select(l => (l.Line.ToString(CultureInfo.InvariantCulture), l.Path)), findings);
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

    private static void FindDuplicates(string file, string where, IEnumerable<(string Where, string Path)> entries, List<string> findings)
    {
        var list = entries.ToList();
        foreach (var same in list.GroupBy(e => e.Path, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            findings.Add($"{file} {where} {string.Join(", ", same.Select(e => e.Where))} all list {CheckList.Show(same.Key)}");
        }
        var distinct = list.DistinctBy(e => e.Path, StringComparer.Ordinal);
        foreach (var twins in distinct.GroupBy(e => PathFolding.Fold(e.Path), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            findings.Add($"{file} {where} {string.Join(", ", twins.Select(e => e.Where))} list "
                + $"{string.Join(" and ", twins.Select(e => CheckList.Show(e.Path)))}, one name on case-insensitive or normalizing file systems");
        }
    }
}
