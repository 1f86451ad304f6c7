using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// Verifies every bundle in a folder, one after the other, each through the one bundle verifier (its snapshot reads
/// through directory handles and follows no link). An entry that is not a real directory gets an ERROR row and is
/// never opened. The folder's exit code is the worst row's.
/// </summary>
internal static class FolderVerification
{
    /// <summary>One row per entry of <paramref name="folder"/>, by name.</summary>
    public static IReadOnlyList<FolderRow> Run(string folder, Func<string, VerificationReport> verify)
    {
        var rows = new List<FolderRow>();
        foreach (var entry in BundleFolder.List(folder))
        {
            // Asked again right before the verifier opens it: a directory swapped for a link since the listing is not followed.
            var why = entry.NotABundle ?? BundleFolder.NotABundle(entry.Path);
            rows.Add(why is null ? FolderRow.From(entry, verify(entry.Path)) : FolderRow.NotVerified(entry, why));
        }
        return rows;
    }

    /// <summary>
    /// The worst verdict of the rows: INVALID, then ERROR, then INCOMPLETE, then UNTRUSTED, then VALID. An empty folder
    /// is an ERROR (there was nothing to prove).
    /// </summary>
    public static Verdict Worst(IReadOnlyList<FolderRow> rows) =>
        rows.Count == 0 ? Verdict.Error : rows.Select(r => r.Verdict).MaxBy(Severity);

    private static int Severity(Verdict verdict) => verdict switch
    {
        Verdict.Invalid => 4,
        Verdict.Error => 3,
        Verdict.Incomplete => 2,
        Verdict.Untrusted => 1,
        _ => 0,
    };
}
