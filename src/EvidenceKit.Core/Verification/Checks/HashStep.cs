using System.Globalization;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// The one hashing pass: every safe, regular payload file a manifest lists (with every algorithm that lists it),
/// every regular tag file (SHA-256 and every tag manifest's algorithm), and the joined parts of split files; each
/// file streamed once. Adds no check of its own: the checks after it judge the digests.
/// </summary>
internal sealed class HashStep : IBagCheck
{
    private const long LargeFileBytes = 1024 * 1024;

    public void Run(VerificationContext context)
    {
        var snapshot = context.Snapshot;
        // One set of algorithms per distinct combination, shared by every path that needs it (usually all: sha256 alone).
        var payloadAlgorithms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var shared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var manifest in context.PayloadManifests)
        {
            foreach (var line in manifest.Lines)
            {
                if (!context.UnsafePaths.Contains(line.Path) && snapshot.IsRegularFile(line.Path))
                {
                    var set = payloadAlgorithms.GetValueOrDefault(line.Path);
                    if (set is null || !set.Contains(manifest.Algorithm))
                    {
                        var key = set is null ? manifest.Algorithm : string.Join(",", set.Append(manifest.Algorithm).Order(StringComparer.Ordinal));
                        if (!shared.TryGetValue(key, out var next))
                        {
                            shared[key] = next = new HashSet<string>(key.Split(','), StringComparer.Ordinal);
                        }
                        payloadAlgorithms[line.Path] = next;
                    }
                }
            }
        }
        var jobs = payloadAlgorithms.Select(p => new HashJob("p:" + p.Key, [p.Key], p.Value)).ToList();
        var tagAlgorithms = context.TagManifests.Select(m => m.Algorithm).Append("sha256").Distinct(StringComparer.Ordinal).ToList();
        // A records file refused unread (a 4 GB file where the manifest binds a few KB) is not read for its hash either.
        var refused = context.RecordFindings is { RecordsFileRefused: true } ? BundleLayout.FileRecords : null;
        jobs.AddRange(snapshot.Entries
            .Where(e => e.Kind == BagEntryKind.RegularFile && !BagPathRules.IsPayload(e.BagPath) && e.BagPath != refused)
            .Select(e => new HashJob("t:" + e.BagPath, [e.BagPath], tagAlgorithms)));
        foreach (var (index, _, record) in context.RecordFindings?.Split ?? [])
        {
            if (record.Parts is { Count: > 0 } parts && parts.All(p => !context.UnsafePaths.Contains(p) && snapshot.IsRegularFile(p)))
            {
                jobs.Add(new HashJob("c:" + index.ToString(CultureInfo.InvariantCulture), parts, ["sha256"]));
            }
        }
        var hasher = new ParallelHasher(snapshot, context.Options.MaxParallelism);
        // Large files first, largest first, so no core is left with one at the end; then the small ones by path, so one
        // worker takes the files of one folder in turn.
        context.Hashes = hasher.HashAll(jobs
            .OrderByDescending(j => j.BagPaths.Sum(p => snapshot.Find(p)!.Length) is var size && size >= LargeFileBytes ? size : 0)
            .ThenBy(j => j.Key, StringComparer.Ordinal), context.CancellationToken);
        var payload = context.Hashes.Where(h => h.Key.StartsWith("p:", StringComparison.Ordinal)).Select(h => h.Value).ToList();
        context.FilesHashed = payload.Count;
        context.BytesHashed = payload.Sum(h => h.Length);
    }
}
