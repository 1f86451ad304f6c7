using System.Globalization;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Verification.Checks;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// One verification of a .partial bundle: it was never sealed, so it is at best INCOMPLETE. The files journal.jsonl
/// lists as finished are checked (size and SHA-256), and reported, so a consultant knows what a resume would keep.
/// </summary>
internal sealed class PartialBundleVerification(
    BagSnapshot tree,
    VerificationOptions options,
    CheckList checks,
    CancellationToken cancellationToken)
{
    private readonly List<string> _journalNotes = [];

    public IReadOnlyList<string> FinishedFiles { get; private set; } = [];

    public long FilesHashed { get; private set; }

    public long BytesHashed { get; private set; }

    public void Run()
    {
        var special = new VerificationContext(tree, options, NoSignatures.Instance, null, cancellationToken);
        new SpecialFilesCheck().Run(special);
        foreach (var result in special.Checks.Results)
        {
            checks.Add(result.Name, result.Outcome, result.Detail, result.Items);
        }
        var records = ReadJournal();
        if (records is not null)
        {
            CheckFinishedFiles(records);
        }
        checks.Add(CheckNames.Sealed, CheckOutcome.Warn,
            $"The bundle is partial (its name ends in {BundleLayout.PartialSuffix}): it was never sealed; "
            + $"{CheckList.Count(FinishedFiles.Count, "file was", "files were")} finished.", FinishedFiles);
    }

    private List<FileRecord>? ReadJournal()
    {
        var entry = tree.Find(BundleLayout.Journal);
        if (entry is null)
        {
            checks.Add(CheckNames.Journal, CheckOutcome.Pass, $"No {BundleLayout.Journal}: no file was finished.");
            return [];
        }
        if (entry.Kind != BagEntryKind.RegularFile)
        {
            checks.Add(CheckNames.Journal, CheckOutcome.Fail, $"{BundleLayout.Journal} is not a regular file (not opened).");
            return null;
        }
        JournalContents journal;
        try
        {
            journal = JournalRecords.Read(tree.ReadLines(BundleLayout.Journal, tree.Limits.PayloadManifestLines(tree.PayloadFileCount))
                .Select(l => (l.Number, BagItText.Utf8.GetBytes(l.Text))));
        }
        catch (BundleReaderException e)
        {
            checks.Add(CheckNames.Journal, CheckOutcome.Fail, e.Message);
            return null;
        }
        if (journal.Broken is { } broken)
        {
            checks.Add(CheckNames.Journal, CheckOutcome.Fail, broken);
            return null;
        }
        if (journal.TornLine is { } torn)
        {
            _journalNotes.Add($"{BundleLayout.Journal} line {torn.ToString(CultureInfo.InvariantCulture)} ignored: an incomplete last line (interrupted write)");
        }
        var records = journal.Records.ToList();
        FinishedFiles = records.Select(r => r.BagPath).Distinct(StringComparer.Ordinal).ToList();
        return records;
    }

    private void CheckFinishedFiles(List<FileRecord> records)
    {
        var findings = new List<string>();
        var jobs = new List<HashJob>();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var paths = record.Parts is { Count: > 0 } parts ? parts : [record.BagPath];
            var unsafePath = paths.Append(record.BagPath)
                .Select(p => (Path: p, Problem: BagPathRules.Problem(p) ?? (BagPathRules.IsPayload(p) ? null : "is not under data/")))
                .FirstOrDefault(p => p.Problem is not null);
            if (unsafePath.Problem is not null)
            {
                findings.Add($"{BundleLayout.Journal} record {i + 1}: {CheckList.Show(unsafePath.Path)} {unsafePath.Problem} (not opened)");
                continue;
            }
            var missing = paths.FirstOrDefault(p => !tree.IsRegularFile(p));
            if (missing is not null)
            {
                findings.Add($"{CheckList.Show(missing)} is {(tree.Contains(missing) ? "not a regular file (not opened)" : "missing")}, but {BundleLayout.Journal} record {i + 1} lists it as finished");
                continue;
            }
            jobs.Add(new HashJob(i.ToString(CultureInfo.InvariantCulture), paths, ["sha256"]));
        }
        var hashes = new ParallelHasher(tree, options.MaxParallelism).HashAll(jobs, cancellationToken);
        foreach (var job in jobs)
        {
            var record = records[int.Parse(job.Key, CultureInfo.InvariantCulture)];
            var hash = hashes[job.Key];
            if (hash.Error is not null)
            {
                findings.Add(hash.Error);
                continue;
            }
            if (hash.Length != record.Size)
            {
                findings.Add($"{CheckList.Show(record.BagPath)}: size is {hash.Length} bytes, {BundleLayout.Journal} says {record.Size}");
            }
            if (!string.Equals(hash.Sha256, record.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"{CheckList.Show(record.BagPath)}: SHA-256 is {hash.Sha256}, {BundleLayout.Journal} says {record.Sha256.ToLowerInvariant()}");
            }
        }
        FilesHashed = hashes.Count;
        BytesHashed = hashes.Values.Sum(h => h.Length);
        if (findings.Count == 0)
        {
            checks.Add(CheckNames.Journal, CheckOutcome.Pass,
                $"{CheckList.Count(records.Count, "finished file")} in {BundleLayout.Journal}, each intact.", _journalNotes);
            return;
        }
        checks.Add(CheckNames.Journal, CheckOutcome.Fail,
            $"{CheckList.Count(findings.Count, "finished file")} not as {BundleLayout.Journal} recorded.", findings);
    }
}
