using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Verification.Checks;

namespace EvidenceKit.Core.Verification.Records;

/// <summary>
/// The one pass over the custody records, inline (v1, v2) or streamed from custody/files.jsonl (v3): each record is
/// judged as it comes against what is already in memory for the payload anyway (the payload manifest's lines and the
/// snapshot's entries) and then dropped. Per payload line it keeps one number (which record claimed it), so the pass
/// needs no set of records: a second claim is a duplicate, an unclaimed line is a file no record describes.
/// </summary>
internal static class RecordsPass
{
    /// <param name="context">The verification so far: the payload manifest must have been read.</param>
    /// <param name="source">The file the records are in, for findings.</param>
    /// <param name="locate">Where record number <c>index</c> is, in words ("custody/files.jsonl line 7").</param>
    /// <param name="records">The records in order, or why one is not a record.</param>
    public static RecordFindings Run(VerificationContext context, string source, Func<long, string> locate,
        IEnumerable<(long Index, FileRecord? Record, string? Problem)> records)
    {
        var findings = new RecordFindings { Source = source };
        var payload = context.PayloadManifests.FirstOrDefault(m => m.BagPath == BundleLayout.PayloadManifest && m.Readable);
        long[]? claimedBy = null;
        if (payload is not null)
        {
            claimedBy = new long[payload.Lines.Count];
            findings.Compared = true;
        }
        var unlisted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, record, problem) in records)
        {
            if (record is null)
            {
                findings.Malformed.Add(problem!);
                continue;
            }
            // The record's place in words is made only for a finding: a good record costs no text.
            var where = new RecordPlace(locate, index, record.Id);
            findings.Count++;
            findings.PayloadBytes += record.Size;
            if (findings.Sample.Count < RecordFindings.SampleSize)
            {
                findings.Sample.Add(record);
            }
            var split = record.Parts is { Count: > 0 };
            if (split)
            {
                foreach (var path in record.Parts!.Append(record.BagPath).Distinct(StringComparer.Ordinal))
                {
                    SafePathsCheck.Judge(context, path, where, payload: true, findings.UnsafePaths.Add);
                }
                if (findings.Split.Count < RecordFindings.MaxSplitRecords)
                {
                    findings.Split.Add((index, where.Text, record));
                }
                else
                {
                    findings.Malformed.Add($"{where.Text}: more than {RecordFindings.MaxSplitRecords} split files; this one was not checked");
                }
                foreach (var path in record.Parts!)
                {
                    Claim(findings, payload, claimedBy, locate, unlisted, index, where, record, path, context.Snapshot.IndexOf(path));
                }
                continue;
            }
            SafePathsCheck.Judge(context, record.BagPath, where, payload: true, findings.UnsafePaths.Add);
            var entry = context.Snapshot.IndexOf(record.BagPath);
            Claim(findings, payload, claimedBy, locate, unlisted, index, where, record, record.BagPath, entry);
            if (entry >= 0 && context.Snapshot.KindAt(entry) == BagEntryKind.RegularFile
                && context.Snapshot.LengthAt(entry) != record.Size && !findings.SizeProblems.ContainsKey(record.BagPath)
                && findings.SizeProblems.Count < CappedFindings.Max)
            {
                findings.SizeProblems[record.BagPath] = $"{CheckList.Show(record.BagPath)}: size is {context.Snapshot.LengthAt(entry)} bytes, {where.Text} says {record.Size}";
            }
        }
        if (payload is not null)
        {
            var repeats = payload.Lines.Repeats.Select(r => r.Line).ToHashSet();
            for (var i = 0; i < payload.Lines.Count; i++)
            {
                if (claimedBy![i] == 0 && !repeats.Contains(i))
                {
                    var line = payload.Lines[i];
                    findings.Disagreements.Add($"{CheckList.Show(line.Path)} is in {BundleLayout.PayloadManifest} line {line.Line} but in no record of {source}");
                }
            }
        }
        return findings;
    }

    private static bool DigestIs(ReadOnlySpan<byte> digest, string hex)
    {
        Span<byte> parsed = stackalloc byte[64];
        return hex.Length == digest.Length * 2
            && Convert.FromHexString(hex, parsed, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == digest.Length && parsed[..written].SequenceEqual(digest);
    }

    // entry: the snapshot's entry number of path, or -1 (looked up once by the caller).
    private static void Claim(RecordFindings findings, ManifestFile? payload, long[]? claimedBy,
        Func<long, string> locate, HashSet<string> unlisted, long index, RecordPlace where, FileRecord record, string path, int entry)
    {
        if (payload is null)
        {
            return;
        }
        var split = record.Parts is { Count: > 0 };
        string Shown() => split ? $"{CheckList.Show(path)} (part of {CheckList.Show(record.BagPath)})" : CheckList.Show(path);
        var i = entry >= 0 ? payload.Lines.FirstLineOfEntry(entry) : payload.Lines.FirstLineOf(path);
        if (i < 0)
        {
            if (!unlisted.Add(path))
            {
                findings.Duplicates.Add($"{where.Text} lists {CheckList.Show(path)} again, which an earlier record of {findings.Source} lists");
                return;
            }
            findings.Disagreements.Add($"{Shown()} is in {where.Text} but not in {BundleLayout.PayloadManifest}");
            return;
        }
        if (claimedBy![i] != 0)
        {
            findings.Duplicates.Add($"{where.Text} and {locate(claimedBy[i] - 1)} both list {CheckList.Show(path)}");
            return;
        }
        claimedBy[i] = index + 1;
        if (!split && !DigestIs(payload.Lines.DigestAt(i), record.Sha256))
        {
            var line = payload.Lines[i];
            findings.Disagreements.Add($"{Shown()}: {where.Text} says SHA-256 {record.Sha256.ToLowerInvariant()}, {BundleLayout.PayloadManifest} line {line.Line} says {line.Hash}");
        }
    }
}
