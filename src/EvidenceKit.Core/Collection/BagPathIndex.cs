using System.Security.Cryptography;
using System.Runtime.InteropServices;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Finds a planned file by its bag path without holding a string per file: a 64-bit digest of each planned bag path
/// beside its index (12 bytes a file), sorted. A digest that matches is confirmed against the planned file's own bag
/// path, so two bag paths that share a digest only cost a second look, never a wrong file.
/// </summary>
internal sealed class BagPathIndex
{
    private readonly IReadOnlyList<PlannedFile> _files;
    private readonly ulong[] _digests;
    private readonly int[] _indices;

    public BagPathIndex(IReadOnlyList<PlannedFile> files)
    {
        _files = files;
        _digests = new ulong[files.Count];
        _indices = new int[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            _digests[i] = Digest(files[i].BagPath);
            _indices[i] = i;
        }
        Array.Sort(_digests, _indices);
    }

    /// <summary>The index of the planned file whose bag path is <paramref name="bagPath"/>, or -1.</summary>
    public int IndexOf(string bagPath)
    {
        var digest = Digest(bagPath);
        var at = Array.BinarySearch(_digests, digest);
        if (at < 0)
        {
            return -1;
        }
        while (at > 0 && _digests[at - 1] == digest)
        {
            at--;
        }
        for (; at < _digests.Length && _digests[at] == digest; at++)
        {
            if (string.Equals(_files[_indices[at]].BagPath, bagPath, StringComparison.Ordinal))
            {
                return _indices[at];
            }
        }
        return -1;
    }

    private static ulong Digest(string bagPath)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(MemoryMarshal.AsBytes(bagPath.AsSpan()), hash);
        return BitConverter.ToUInt64(hash);
    }
}
