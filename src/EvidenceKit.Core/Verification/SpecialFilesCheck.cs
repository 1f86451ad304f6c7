namespace EvidenceKit.Core.Verification;

/// <summary>No symbolic link, FIFO, socket or device anywhere in the bag; none is followed or opened.</summary>
internal static class SpecialFilesCheck
{
    public static void Run(BagTree tree, CheckList checks)
    {
        var findings = new List<string>();
        foreach (var entry in tree.Entries.OrderBy(e => e.BagPath, StringComparer.Ordinal))
        {
            switch (entry.Kind)
            {
                case BagEntryKind.SymbolicLink:
                    findings.Add($"{CheckList.Show(entry.BagPath)} is a symbolic link to {CheckList.Show(entry.LinkTarget ?? "")} (not followed)");
                    break;
                case BagEntryKind.Special:
                    findings.Add($"{CheckList.Show(entry.BagPath)} is a FIFO, socket or device (not opened)");
                    break;
            }
        }
        checks.PassOrFail(CheckNames.SpecialFiles, findings,
            $"no symbolic link or special file among {CheckList.Count(tree.Entries.Count, "entry", "entries")}",
            $"{CheckList.Count(findings.Count, "entry", "entries")} that a bag must not hold");
    }
}
