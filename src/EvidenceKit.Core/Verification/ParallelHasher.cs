using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Abstractions;
using System.Security.Cryptography;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// Hashes many files at once with bounded memory: a bounded number of workers, each streaming with one 1 MiB
/// buffer and sequential-scan hints. Only regular files the walk found are opened; empty files are not opened at
/// all (their hash is known), so a FIFO that escaped detection can still not block the run.
/// </summary>
internal sealed class ParallelHasher(IFileSystem fileSystem, BundleReader reader, BagTree tree, int maxParallelism)
{
    private const int BufferBytes = 1024 * 1024;
    private static readonly string EmptySha256 = Hex.Sha256(ReadOnlySpan<byte>.Empty);

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
            if (!tree.IsRegularFile(path))
            {
                return new HashResult(null, 0, $"{path} is not a regular file (not opened)");
            }
        }
        if (job.BagPaths.All(p => tree.Find(p)!.Length == 0))
        {
            return new HashResult(EmptySha256, 0, null);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var total = 0L;
            foreach (var path in job.BagPaths)
            {
                if (tree.Find(path)!.Length == 0)
                {
                    continue;
                }
                using var stream = fileSystem.FileStream.New(reader.FullPath(path), FileMode.Open, FileAccess.Read,
                    FileShare.Read, 1, FileOptions.SequentialScan);
                int read;
                while ((read = stream.Read(buffer, 0, BufferBytes)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    sha.AppendData(buffer, 0, read);
                    total += read;
                }
            }
            return new HashResult(Hex.Lower(sha.GetHashAndReset()), total, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new HashResult(null, 0, $"{string.Join(" + ", job.BagPaths)} could not be read: {e.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
