using System.Collections.Concurrent;
using System.Security.Cryptography;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// Hashes many files at once with bounded memory: a bounded number of workers, each streaming through the snapshot with
/// one 1 MiB buffer and its own hash objects, reused from file to file (no per-file task, buffer or hash context),
/// every algorithm a file needs computed in the same single pass. A file that fits the buffer is read in one go and
/// hashed one-shot. Only regular files the walk found are opened; empty files are not opened at all.
/// </summary>
internal sealed class ParallelHasher(BagSnapshot snapshot, int maxParallelism)
{
    private const int BufferBytes = HashWorker.BufferBytes;

    public IReadOnlyDictionary<string, HashResult> HashAll(IEnumerable<HashJob> jobs, CancellationToken cancellationToken)
    {
        var results = new ConcurrentDictionary<string, HashResult>(StringComparer.Ordinal);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, maxParallelism),
            CancellationToken = cancellationToken,
        };
        Parallel.ForEach(jobs, options, () => new HashWorker(), (job, _, worker) =>
        {
            results[job.Key] = Hash(job, worker, cancellationToken);
            return worker;
        }, worker => worker.Dispose());
        return results;
    }

    private HashResult Hash(HashJob job, HashWorker worker, CancellationToken cancellationToken)
    {
        foreach (var path in job.BagPaths)
        {
            if (snapshot.NotReadable(path) is { } problem)
            {
                return HashResult.Failed(problem.Replace(path, CheckList.Show(path), StringComparison.Ordinal));
            }
        }
        var buffer = worker.Buffer;
        try
        {
            if (job.BagPaths.Count == 1 && job.Algorithms.Count == 1 && job.Algorithms.First() == "sha256")
            {
                return HashSmallSha256(job, buffer, cancellationToken) ?? HashStreamed(job, worker, cancellationToken);
            }
            return HashStreamed(job, worker, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            worker.Reset();
            return HashResult.Failed($"{string.Join(" + ", job.BagPaths.Select(CheckList.Show))} could not be read: {e.Message}");
        }
        catch (BundleReaderException e)
        {
            worker.Reset();
            return HashResult.Failed(e.Message);
        }
    }

    /// <summary>One file that the buffer holds, hashed one-shot; null when it is larger (or grew), to be streamed instead.</summary>
    private HashResult? HashSmallSha256(HashJob job, byte[] buffer, CancellationToken cancellationToken)
    {
        var entry = snapshot.Find(job.BagPaths[0])!;
        if (entry.Length >= BufferBytes)
        {
            return null;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var total = 0;
        if (entry.Length > 0)
        {
            using var stream = snapshot.Open(entry);
            int read;
            while (total < BufferBytes && (read = stream.Read(buffer, total, BufferBytes - total)) > 0)
            {
                total += read;
            }
            if (total == BufferBytes)
            {
                return null;
            }
        }
        var digest = Hex.Lower(SHA256.HashData(buffer.AsSpan(0, total)));
        return new HashResult(new Dictionary<string, string>(1, StringComparer.Ordinal) { ["sha256"] = digest }, total, null);
    }

    private HashResult HashStreamed(HashJob job, HashWorker worker, CancellationToken cancellationToken)
    {
        var algorithms = job.Algorithms.Distinct(StringComparer.Ordinal).ToList();
        var hashes = algorithms.Select(worker.Hash).ToList();
        var buffer = worker.Buffer;
        var total = 0L;
        foreach (var path in job.BagPaths)
        {
            var entry = snapshot.Find(path)!;
            if (entry.Length == 0)
            {
                continue;
            }
            using var stream = snapshot.Open(entry);
            int read;
            while ((read = stream.Read(buffer, 0, BufferBytes)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var hash in hashes)
                {
                    hash.AppendData(buffer, 0, read);
                }
                total += read;
            }
        }
        var digests = new Dictionary<string, string>(algorithms.Count, StringComparer.Ordinal);
        for (var i = 0; i < algorithms.Count; i++)
        {
            digests[algorithms[i]] = Hex.Lower(hashes[i].GetHashAndReset());
        }
        return new HashResult(digests, total, null);
    }
}
