using System.Security.Cryptography;

namespace EvidenceKit.Core.Collection;

/// <summary>SHA-256 plus any legacy algorithms asked for, fed from the same bytes in one pass.</summary>
internal sealed class MultiHasher : IDisposable
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash? _sha1;
    private readonly IncrementalHash? _md5;
    private readonly IncrementalHash? _sha512;

    public MultiHasher(IReadOnlyList<string> legacy)
    {
        if (legacy.Contains("sha1"))
        {
            _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        }
        if (legacy.Contains("md5"))
        {
            _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        }
        if (legacy.Contains("sha512"))
        {
            _sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        }
    }

    /// <summary>
    /// The digests of a whole file already in memory, without the incremental contexts a stream needs: a small file
    /// costs one pass of each algorithm and nothing else.
    /// </summary>
    public static (string Sha256, string? Sha1, string? Md5, string? Sha512) HashOnce(ReadOnlySpan<byte> data, IReadOnlyList<string> legacy)
    {
        Span<byte> digest = stackalloc byte[SHA512.HashSizeInBytes];
        var sha256 = Hex(digest[..SHA256.HashData(data, digest)]);
        if (legacy.Count == 0)
        {
            return (sha256, null, null, null);
        }
        string? sha1 = null, md5 = null, sha512 = null;
        if (legacy.Contains("sha1"))
        {
            sha1 = Hex(digest[..SHA1.HashData(data, digest)]);
        }
        if (legacy.Contains("md5"))
        {
            md5 = Hex(digest[..MD5.HashData(data, digest)]);
        }
        if (legacy.Contains("sha512"))
        {
            sha512 = Hex(digest[..SHA512.HashData(data, digest)]);
        }
        return (sha256, sha1, md5, sha512);
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        _sha256.AppendData(data);
        _sha1?.AppendData(data);
        _md5?.AppendData(data);
        _sha512?.AppendData(data);
    }

    public (string Sha256, string? Sha1, string? Md5, string? Sha512) Finish() => (
        Convert.ToHexStringLower(_sha256.GetHashAndReset()),
        _sha1 is null ? null : Convert.ToHexStringLower(_sha1.GetHashAndReset()),
        _md5 is null ? null : Convert.ToHexStringLower(_md5.GetHashAndReset()),
        _sha512 is null ? null : Convert.ToHexStringLower(_sha512.GetHashAndReset()));

    public void Dispose()
    {
        _sha256.Dispose();
        _sha1?.Dispose();
        _md5?.Dispose();
        _sha512?.Dispose();
    }

    private static string Hex(ReadOnlySpan<byte> digest) => Convert.ToHexStringLower(digest);
}
