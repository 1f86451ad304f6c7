namespace EvidenceKit.Core.Verification.Checks;

/// <summary>No symbolic link, FIFO, socket, device or unreadable name anywhere in the bag; none is followed or opened.</summary>
internal sealed class SpecialFilesCheck : IBagCheck
{
    public void Run(VerificationContext context)
    {
        var snapshot = context.Snapshot;
        var findings = Enumerable.Range(0, snapshot.EntrySlots)
            .Where(i => snapshot.IsListed(i) && snapshot.KindAt(i) is not (BagEntryKind.RegularFile or BagEntryKind.Directory))
            .Select(snapshot.EntryAt)
            .OrderBy(e => e.BagPath, StringComparer.Ordinal)
            .Select(e => $"{CheckList.Show(e.BagPath)} is {e.Describe()}")
            .ToList();
        context.Checks.PassOrFail(CheckNames.SpecialFiles, findings,
            $"no symbolic link or special file among {CheckList.Count(context.Snapshot.Entries.Count, "entry", "entries")}",
            $"{CheckList.Count(findings.Count, "entry", "entries")} that a bag must not hold");
    }
}
