using System.Globalization;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// The one hashing pass: every safe, regular payload file a manifest lists (with every algorithm that lists it,
/// compared with its lines as it is hashed; started early by <see cref="PayloadHashStart"/>, waited for here), every regular tag file (SHA-256 and every tag manifest's algorithm), and
/// the joined parts of split files; each file streamed once. Adds no check of its own: the checks after it judge
/// the digests.
/// </summary>
internal sealed class HashStep : IBagCheck
{
    public void Run(VerificationContext context)
    {
        var snapshot = context.Snapshot;
        context.Payload = (context.PayloadHashing ?? PayloadHashStart.Start(context)).Finish();
        context.PayloadHashing = null;
        context.FilesHashed = context.Payload.Files;
        context.BytesHashed = context.Payload.Bytes;

        var jobs = new List<HashJob>();
        var tagAlgorithms = context.TagManifests.Select(m => m.Algorithm).Append("sha256").Distinct(StringComparer.Ordinal).ToList();
        // A records file refused unread (a 4 GB file where the manifest binds a few KB) is not read for its hash either.
        var refused = context.RecordFindings is { RecordsFileRefused: true } ? BundleLayout.FileRecords : null;
        // The records file, read whole through the snapshot for the records, is not read again when SHA-256 is the only tag algorithm.
        var recordsSha256 = tagAlgorithms is ["sha256"] ? context.RecordFindings?.RecordsFileSha256 : null;
        var done = recordsSha256 is null ? null : BundleLayout.FileRecords;
        jobs.AddRange(snapshot.EntriesOutsidePayload()
            .Where(e => e.Kind == BagEntryKind.RegularFile && e.BagPath != refused && e.BagPath != done)
            .Select(e => new HashJob("t:" + e.BagPath, [e.BagPath], tagAlgorithms)));
        foreach (var (index, _, record) in context.RecordFindings?.Split ?? [])
        {
            if (record.Parts is { Count: > 0 } parts && parts.All(p => !context.UnsafePaths.Contains(p) && snapshot.IsRegularFile(p)))
            {
                jobs.Add(new HashJob("c:" + index.ToString(CultureInfo.InvariantCulture), parts, ["sha256"]));
            }
        }
        var hasher = new ParallelHasher(snapshot, context.Options.MaxParallelism);
        var hashes = hasher.HashAll(jobs
            .OrderByDescending(j => j.BagPaths.Sum(p => snapshot.Find(p)!.Length))
            .ThenBy(j => j.Key, StringComparer.Ordinal), context.CancellationToken);
        if (recordsSha256 is not null)
        {
            hashes = new Dictionary<string, HashResult>(hashes, StringComparer.Ordinal)
            {
                ["t:" + BundleLayout.FileRecords] = new(new Dictionary<string, string>(1, StringComparer.Ordinal) { ["sha256"] = recordsSha256 },
                    snapshot.Find(BundleLayout.FileRecords)!.Length, null),
            };
        }
        context.Hashes = hashes;
    }
}
