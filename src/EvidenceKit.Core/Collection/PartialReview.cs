using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Host;
using EvidenceKit.Core.Text;
using Microsoft.Extensions.Logging;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// The first step of a resume: reads the journal as a bounded regular file, proves each journalled copy against the
/// source (<see cref="ResumeProver"/>), and cleans the .partial of everything else (<see cref="PartialCleaner"/>).
/// </summary>
internal sealed class PartialReview(ISourceFiles source, ITargetStore store, AccountNames accounts, TimeProvider time, ILogger log)
{
    /// <summary>What survived the review: proven copies, why the others are copied again (by file id), notes for the manifest.</summary>
    public sealed record Result(List<FileRecord> Kept, Dictionary<string, string> Reasons, List<string> Notes);

    public Result Review(CollectionPlan plan, CollectionRequest request, string partial, CancellationToken cancellationToken)
    {
        var suspicious = new List<string>();
        var journal = ReadJournal(partial, suspicious);
        var (kept, reasons) = Prove(plan, request, partial, journal, cancellationToken);
        var (removed, unproven) = new PartialCleaner(store).Clean(partial, kept.Select(k => k.BagPath).ToHashSet(StringComparer.Ordinal));
        suspicious.AddRange(removed);
        foreach (var entry in suspicious)
        {
            log.LogWarning("Removed from the partial bundle, it does not belong there: {Entry}", entry);
        }
        // The journal is written anew with the proven entries only, as a fresh file (never appended to an entry the
        // drive's holder may have hard-linked elsewhere).
        store.DeleteFile(partial + "/" + BundleLayout.Journal);
        using (var fresh = new BundleJournal(store, partial, durable: true))
        {
            foreach (var record in kept)
            {
                fresh.Append(record);
            }
        }
        return new Result(kept, reasons, ResumeNotes(kept.Count, journal.Count - kept.Count, unproven, suspicious));
    }

    private IReadOnlyList<FileRecord> ReadJournal(string partial, List<string> suspicious)
    {
        try
        {
            return BundleJournal.Read(store, partial);
        }
        catch (UnsafeTargetEntryException e)
        {
            suspicious.Add($"{BundleLayout.Journal} ({e.Message})");
            store.DeleteFile(partial + "/" + BundleLayout.Journal);
            return [];
        }
    }

    private (List<FileRecord> Kept, Dictionary<string, string> Reasons) Prove(CollectionPlan plan, CollectionRequest request, string partial,
        IReadOnlyList<FileRecord> journal, CancellationToken cancellationToken)
    {
        // A bag path names one planned file (the mapping is injective); the journal's readable sourcePath need not
        // equal the host path (raw names), so it is checked against the readable form of the planned one.
        var planned = plan.Files.ToDictionary(f => f.BagPath, StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<(FileRecord Entry, PlannedFile File)>();
        foreach (var entry in journal)
        {
            if (planned.TryGetValue(entry.BagPath, out var file) && RawNames.Readable(file.HostPath) == entry.SourcePath && claimed.Add(file.Id))
            {
                candidates.Add((entry, file));
            }
        }
        var prover = new ResumeProver(source, store, new CopyOptions(request.Mode, request.LegacyHashes), accounts);
        var proofs = new ResumeProof[candidates.Count];
        Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = request.Parallelism, CancellationToken = cancellationToken },
            i => proofs[i] = prover.Prove(candidates[i].Entry, candidates[i].File, partial));
        var kept = new List<FileRecord>();
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < proofs.Length; i++)
        {
            if (proofs[i].Kept is { } record)
            {
                kept.Add(record);
            }
            else
            {
                reasons[candidates[i].File.Id] = proofs[i].Reason!;
                log.LogWarning("{Path}: the copy made before the interruption is not kept: {Reason}", candidates[i].File.HostPath, proofs[i].Reason);
            }
        }
        return (kept, reasons);
    }

    private List<string> ResumeNotes(int kept, int discarded, int unproven, IReadOnlyList<string> suspicious)
    {
        var notes = new List<string>
        {
            $"resumed {Timestamps.Format(time.GetUtcNow())} after an interruption: {kept} files kept from the journal after re-reading their source and re-hashing their copy, {discarded} journalled copies not proven and copied again, {unproven} unjournalled copies removed",
        };
        if (suspicious.Count > 0)
        {
            notes.Add($"resume-removed: {suspicious.Count} entries that did not belong in the partial bundle were unlinked (never followed): {string.Join(", ", suspicious.Take(20))}{(suspicious.Count > 20 ? ", ..." : "")}");
        }
        return notes;
    }
}
