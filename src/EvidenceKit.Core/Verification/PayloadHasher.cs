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
        var order = Order(listedBy);
        var next = -1;
        var workers = Math.Clamp(maxParallelism, 1, Math.Max(1, order.Length));
        // Each worker takes the next file by one atomic increment: no task, partition or lock per file.
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ =>
        {
            using var worker = new HashWorker();
            int taken;
            while ((taken = Interlocked.Increment(ref next)) < order.Length)
            {
                var entry = order[taken];
                var mask = listedBy[entry];
                var algorithms = Volatile.Read(ref algorithmsOf[mask]) ?? AlgorithmsOf(mask, algorithmsOf);
                Hash(entry, mask, algorithms, worker, results, cancellationToken);
            }
        });
        return results;
    }

    private string[] AlgorithmsOf(byte mask, string[][] algorithmsOf)
    {
        var algorithms = Enumerable.Range(0, manifests.Count).Where(m => (mask & (1 << m)) != 0)
            .Select(m => manifests[m].Algorithm).Distinct(StringComparer.Ordinal).ToArray();
        Volatile.Write(ref algorithmsOf[mask], algorithms);
        return algorithms;
    }

    /// <summary>The entries to hash: files of at least 1 MiB largest first, then the rest in the order of the walk.</summary>
    private int[] Order(byte[] listedBy)
    {
        var large = new List<(int Entry, long Length)>();
        var count = 0;
        for (var i = 0; i < listedBy.Length; i++)
        {
            if (listedBy[i] != 0)
            {
                count++;
                if (snapshot.LengthAt(i) >= LargeFileBytes)
                {
                    large.Add((i, snapshot.LengthAt(i)));
                }
            }
        }
        var order = new int[count];
        var n = 0;
        foreach (var (entry, _) in large.OrderByDescending(l => l.Length))
        {
            order[n++] = entry;
        }
        for (var i = 0; i < listedBy.Length; i++)
        {
            if (listedBy[i] != 0 && snapshot.LengthAt(i) < LargeFileBytes)
            {
                order[n++] = i;
            }
        }
        return order;
    }

    private void Hash(int entry, byte mask, string[] algorithms, HashWorker worker, PayloadDigests results, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Span<byte> digests = stackalloc byte[64 * algorithms.Length];
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
            results.Failed(entry, $"{CheckList.Show(snapshot.PathAt(entry))} could not be read: {e.Message}");
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
            var a = algorithms.Length == 1 ? 0 : Array.IndexOf(algorithms, manifests[m].Algorithm);
            var digest = digests.Slice(64 * a, lines.DigestBytes);
            var first = lines.FirstLineOfEntry(entry);
            if (first >= 0 && !lines.DigestAt(first).SequenceEqual(digest))
            {
                results.Mismatch(m, first, Convert.ToHexStringLower(digest));
            }
            if (lines.Repeats.Count > 0 && lines.IsRepeated(entry))
            {
                foreach (var line in lines.LinesOfEntry(entry).Skip(1))
                {
                    if (!lines.DigestAt(line).SequenceEqual(digest))
                    {
                        results.Mismatch(m, line, Convert.ToHexStringLower(digest));
                    }
                }
            }
        }
    }

    /// <summary>A file the buffer holds, hashed one-shot; null when it grew past the buffer (then streamed instead).</summary>
    private long? HashSmallSha256(int entry, byte[] buffer, Span<byte> digest)
    {
        var total = snapshot.LengthAt(entry) > 0 ? snapshot.ReadWhole(entry, buffer) : 0;
        if (total < 0)
        {
            return null;
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
