using System.Buffers;
using System.Security.Cryptography;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification;

/// <summary>What one hashing worker keeps from file to file: one read buffer and one hash object per algorithm.</summary>
internal sealed class HashWorker : IDisposable
{
    /// <summary>The read size, and the largest file hashed one-shot.</summary>
    public const int BufferBytes = 1024 * 1024;

    public byte[] Buffer { get; } = ArrayPool<byte>.Shared.Rent(BufferBytes);

    public Dictionary<string, IncrementalHash> Hashes { get; } = new(StringComparer.Ordinal);

    public IncrementalHash Hash(string algorithm)
    {
        if (!Hashes.TryGetValue(algorithm, out var hash))
        {
            Hashes[algorithm] = hash = BagHashAlgorithms.Create(algorithm);
        }
        return hash;
    }

    /// <summary>Drops whatever a failed file left in the hash objects.</summary>
    public void Reset()
    {
        foreach (var hash in Hashes.Values)
        {
            hash.GetHashAndReset();
        }
    }

    public void Dispose()
    {
        foreach (var hash in Hashes.Values)
        {
            hash.Dispose();
        }
        ArrayPool<byte>.Shared.Return(Buffer);
    }
}
