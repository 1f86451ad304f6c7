using System.Collections.Concurrent;
using System.Security.Cryptography;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification.Checks;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// Hashes the payload files the manifests list, each once with every algorithm that lists it, and compares each
/// digest with its lines as it goes, so nothing is kept for a good file. Files of at least 1 MiB go first, largest
/// first, so no core is left with one at the end; the small ones follow in the order of the walk, so one worker takes
/// a folder's files in turn. Per worker one buffer and one hash object per algorithm; per file no task, no digest text.
/// </summary>
internal sealed class PayloadHasher(BagSnapshot snapshot, IReadOnlyList<ManifestFile> manifests, int maxParallelism)
{
    private const long LargeFileBytes = HashWorker.BufferBytes;

    /// <param name="listedBy">Per entry, a bit for each manifest (by index) whose line asks for it to be hashed.</param>
    /// <param name="cancellationToken">Stops the workers.</param>
    public PayloadDigests HashAll(byte[] listedBy, CancellationToken cancellationToken)
    {
        var results = new PayloadDigests(manifests, snapshot.EntrySlots);
        var algorithmsOf = new string[256][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism), CancellationToken = cancellationToken };
        var order = Partitioner.Create(Order(listedBy), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(order, options, () => new HashWorker(), (entry, _, worker) =>
        {
            var mask = listedBy[entry];
            var algorithms = algorithmsOf[mask] ??= Enumerable.Range(0, manifests.Count).Where(m => (mask & (1 << m)) != 0)
                .Select(m => manifests[m].Algorithm).Distinct(StringComparer.Ordinal).ToArray();
            Hash(entry, mask, algorithms, worker, results, cancellationToken);
            return worker;
        }, worker => worker.Dispose());
        return results;
    }

    private IEnumerable<int> Order(byte[] listedBy)
    {
        var large = new List<(int Entry, long Length)>();
        for (var i = 0; i < listedBy.Length; i++)
        {
            if (listedBy[i] != 0 && snapshot.LengthAt(i) >= LargeFileBytes)
            {
                large.Add((i, snapshot.LengthAt(i)));
            }
        }
        foreach (var (entry, _) in large.OrderByDescending(l => l.Length))
        {
            yield return entry;
        }
        for (var i = 0; i < listedBy.Length; i++)
        {
            if (listedBy[i] != 0 && snapshot.LengthAt(i) < LargeFileBytes)
            {
                yield return i;
            }
        }
    }

    private void Hash(int entry, byte mask, string[] algorithms, HashWorker worker, PayloadDigests results, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Span<byte> digests = stackalloc byte[64 * algorithms.Length];
        var path = snapshot.PathAt(entry);
        long total;
        try
        {
            total = algorithms is ["sha256"] && snapshot.LengthAt(entry) < LargeFileBytes
                ? HashSmallSha256(entry, worker.Buffer, digests) ?? HashStreamed(entry, algorithms, worker, digests, cancellationToken)
                : HashStreamed(entry, algorithms, worker, digests, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            worker.Reset();
            results.Hashed(0);
            results.Failed(entry, $"{CheckList.Show(path)} could not be read: {e.Message}");
            return;
        }
        catch (BundleReaderException e)
        {
            worker.Reset();
            results.Hashed(0);
            results.Failed(entry, e.Message);
            return;
        }
        results.Hashed(total);
        for (var m = 0; m < manifests.Count; m++)
        {
            if ((mask & (1 << m)) == 0)
            {
                continue;
            }
            var lines = manifests[m].Lines;
            var a = Array.IndexOf(algorithms, manifests[m].Algorithm);
            var digest = digests.Slice(64 * a, lines.DigestBytes);
            foreach (var line in lines.LinesOfEntry(entry))
            {
                if (!lines.DigestAt(line).SequenceEqual(digest))
                {
                    results.Mismatch(m, line, Convert.ToHexStringLower(digest));
                }
            }
        }
    }

    /// <summary>A file the buffer holds, hashed one-shot; null when it grew past the buffer (then streamed instead).</summary>
    private long? HashSmallSha256(int entry, byte[] buffer, Span<byte> digest)
    {
        var total = 0;
        if (snapshot.LengthAt(entry) > 0)
        {
            using var stream = snapshot.Open(snapshot.EntryAt(entry));
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }
            if (total == buffer.Length)
            {
                return null;
            }
        }
        SHA256.HashData(buffer.AsSpan(0, total), digest);
        return total;
    }

    private long HashStreamed(int entry, string[] algorithms, HashWorker worker, Span<byte> digests, CancellationToken cancellationToken)
    {
        var hashes = algorithms.Select(worker.Hash).ToArray();
        var buffer = worker.Buffer;
        var total = 0L;
        if (snapshot.LengthAt(entry) > 0)
        {
            using var stream = snapshot.Open(snapshot.EntryAt(entry));
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var hash in hashes)
                {
                    hash.AppendData(buffer, 0, read);
                }
                total += read;
            }
        }
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i].GetHashAndReset(digests.Slice(64 * i, 64));
        }
        return total;
    }
}
