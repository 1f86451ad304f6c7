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
    /// <summary>Journal lines proven at a time (in parallel); the review holds no more records than these.</summary>
    private const int Batch = 256;

    /// <summary>What survived the review: proven copies (compact), why the others are copied again (by file id), notes for the manifest.</summary>
    public sealed record Result(ResumedFiles Kept, Dictionary<string, string> Reasons, List<string> Notes);

    public Result Review(CollectionPlan plan, CollectionRequest request, string partial, CancellationToken cancellationToken)
    {
        var suspicious = new List<string>();
        var kept = new ResumedFiles(store, partial, plan.Files.Count);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var bagPaths = new BagPathIndex(plan.Files);
        var journalled = Prove(plan, request, partial, bagPaths, kept, reasons, suspicious, cancellationToken);
        var (removed, unproven) = new PartialCleaner(store).Clean(partial, bagPath => bagPaths.IndexOf(bagPath) is var i and >= 0 && kept.IsDone(i));
        suspicious.AddRange(removed);
        foreach (var entry in suspicious)
        {
            log.LogWarning("Removed from the partial bundle, it does not belong there: {Entry}", entry);
        }
        return new Result(kept, reasons, ResumeNotes(kept.Count, journalled - kept.Count, unproven, suspicious));
    }

    /// <summary>
    /// Reads the journal one line at a time and proves its entries a batch at a time; the proven ones are written, as
    /// rebuilt records, to a fresh journal that then replaces the old one in one rename (never appended to an entry the
    /// drive's holder may have hard-linked elsewhere). Gives the number of journal entries read.
    /// </summary>
    private int Prove(CollectionPlan plan, CollectionRequest request, string partial, BagPathIndex bagPaths, ResumedFiles kept,
        Dictionary<string, string> reasons, List<string> suspicious, CancellationToken cancellationToken)
    {
        var journalPath = partial + "/" + BundleLayout.Journal;
        var freshPath = journalPath + ResumedJournalSuffix;
        if (store.Exists(freshPath))
        {
            store.DeleteFile(freshPath);
        }
        var prover = new ResumeProver(source, store, new CopyOptions(request.Mode, request.LegacyHashes), accounts);
        var claimed = new System.Collections.BitArray(plan.Files.Count);
        var batch = new List<(FileRecord Entry, int Index, PlannedFile File)>(Batch);
        var journalled = 0;
        using (var fresh = store.Create(freshPath))
        {
            foreach (var entry in ReadJournal(partial, suspicious))
            {
                journalled++;
                // A bag path names one planned file (the mapping is injective); the journal's readable sourcePath need
                // not equal the host path (raw names), so it is checked against the readable form of the planned one.
                if (bagPaths.IndexOf(entry.BagPath) is var index and >= 0 && !claimed[index]
                    && plan.Files[index] is var file && RawNames.Readable(file.HostPath) == entry.SourcePath)
                {
                    claimed[index] = true;
                    batch.Add((entry, index, file));
                    if (batch.Count == Batch)
                    {
                        ProveBatch(prover, request, partial, batch, fresh, kept, reasons, cancellationToken);
                    }
                }
            }
            ProveBatch(prover, request, partial, batch, fresh, kept, reasons, cancellationToken);
            store.Flush(fresh);
        }
        store.Replace(freshPath, journalPath);
        store.FlushDirectory(partial);
        return journalled;
    }

    private void ProveBatch(ResumeProver prover, CollectionRequest request, string partial, List<(FileRecord Entry, int Index, PlannedFile File)> batch,
        Stream fresh, ResumedFiles kept, Dictionary<string, string> reasons, CancellationToken cancellationToken)
    {
        var proofs = new ResumeProof[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = request.Parallelism, CancellationToken = cancellationToken },
            i => proofs[i] = prover.Prove(batch[i].Entry, batch[i].File, partial));
        for (var i = 0; i < proofs.Length; i++)
        {
            if (proofs[i].Kept is { } record)
            {
                var line = FileRecordLines.ToLine(record);
                fresh.Write(line);
                kept.Add(batch[i].Index, record, line);
            }
            else
            {
                reasons[batch[i].File.Id] = proofs[i].Reason!;
                log.LogWarning("{Path}: the copy made before the interruption is not kept: {Reason}", batch[i].File.HostPath, proofs[i].Reason);
            }
        }
        batch.Clear();
    }

    /// <summary>The journal's entries one at a time; a journal that is a link or special file is removed and counts as empty.</summary>
    private IEnumerable<FileRecord> ReadJournal(string partial, List<string> suspicious)
    {
        IEnumerator<FileRecord> entries;
        try
        {
            entries = BundleJournal.ReadEach(store, partial).GetEnumerator();
        }
        catch (UnsafeTargetEntryException e)
        {
            suspicious.Add($"{BundleLayout.Journal} ({e.Message})");
            store.DeleteFile(partial + "/" + BundleLayout.Journal);
            yield break;
        }
        using (entries)
        {
            while (entries.MoveNext())
            {
                yield return entries.Current;
            }
        }
    }

    /// <summary>The name the fresh journal is written under until it replaces the old one.</summary>
    internal const string ResumedJournalSuffix = ".resumed";

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
