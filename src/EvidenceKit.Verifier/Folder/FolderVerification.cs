using System.Runtime.Versioning;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// Verifies every bundle in a folder, one after the other. The folder is held by one handle (<see cref="FolderHandle"/>);
/// each entry is opened relative to it as a directory without following a link, and the bundle verifier reads that
/// open directory (<see cref="PinnedBundle"/>), never the path again. An entry that is not a real directory gets an
/// ERROR row and is never opened. The folder's exit code is the worst row's.
/// </summary>
internal static class FolderVerification
{
    /// <summary>One row per entry of <paramref name="folder"/>, by name.</summary>
    /// <param name="folder">The folder the user named.</param>
    /// <param name="verify">Verifies one bundle: its path (for the report's words) and the handle its bag is read from.</param>
    /// <param name="expectedHost">The host whose bundles the folder holds (--expect-host), or null.</param>
    [SupportedOSPlatform("linux")]
    public static IReadOnlyList<FolderRow> Run(string folder, Func<string, IBagFilesFactory, VerificationReport> verify, string? expectedHost)
    {
        var rows = new List<FolderRow>();
        using var handle = FolderHandle.Open(folder);
        foreach (var entry in handle.List())
        {
            if (entry.NotABundle is { } refused)
            {
                rows.Add(FolderRow.NotVerified(entry, refused));
                continue;
            }
            using var pinned = handle.Pin(entry, out var why);
            rows.Add(pinned is null ? FolderRow.NotVerified(entry, why!) : FolderRow.From(entry, verify(entry.Path, pinned), expectedHost));
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
