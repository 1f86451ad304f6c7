using System.Buffers;
using System.Collections.Concurrent;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// Hashes many files at once with bounded memory: a bounded number of workers, each streaming through the snapshot with
/// one 1 MiB buffer, every algorithm a file needs computed in the same single pass. Only regular files the walk found
/// are opened; empty files are not opened at all (their digests are known).
/// </summary>
internal sealed class ParallelHasher(BagSnapshot snapshot, int maxParallelism)
{
    private const int BufferBytes = 1024 * 1024;

    public IReadOnlyDictionary<string, HashResult> HashAll(IEnumerable<HashJob> jobs, CancellationToken cancellationToken)
    {
        var results = new ConcurrentDictionary<string, HashResult>(StringComparer.Ordinal);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, maxParallelism),
            CancellationToken = cancellationToken,
        };
        Parallel.ForEach(jobs, options, job => results[job.Key] = Hash(job, cancellationToken));
        return results;
    }

    private HashResult Hash(HashJob job, CancellationToken cancellationToken)
    {
        foreach (var path in job.BagPaths)
        {
            if (snapshot.NotReadable(path) is { } problem)
            {
                return HashResult.Failed(problem.Replace(path, CheckList.Show(path), StringComparison.Ordinal));
            }
        }
        var hashes = job.Algorithms.Distinct(StringComparer.Ordinal).ToDictionary(a => a, BagHashAlgorithms.Create, StringComparer.Ordinal);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
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
                    foreach (var hash in hashes.Values)
                    {
                        hash.AppendData(buffer, 0, read);
                    }
                    total += read;
                }
            }
            return new HashResult(hashes.ToDictionary(h => h.Key, h => Hex.Lower(h.Value.GetHashAndReset()), StringComparer.Ordinal), total, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HashResult.Failed($"{string.Join(" + ", job.BagPaths.Select(CheckList.Show))} could not be read: {e.Message}");
        }
        catch (BundleReaderException e)
        {
            return HashResult.Failed(e.Message);
        }
        finally
        {
            foreach (var hash in hashes.Values)
            {
                hash.Dispose();
            }
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
