namespace EvidenceKit.Core.Collection;

/// <summary>How files are copied.</summary>
/// <param name="Mode">Analysis or prosecution.</param>
/// <param name="LegacyHashes">Extra algorithms besides SHA-256: "sha1", "md5", "sha512".</param>
/// <param name="BufferSize">Bytes per read; a file no larger is read, hashed and written in one piece.</param>
public sealed record CopyOptions(CollectionMode Mode, IReadOnlyList<string> LegacyHashes, int BufferSize = 1 << 20)
{
    /// <summary>True when every copy is fsynced and read back.</summary>
    public bool Verify => Mode == CollectionMode.Prosecution;

    /// <summary>The cap on the source read rate shared by every worker (--max-rate), or null for none.</summary>
    public ReadRateLimiter? ReadRate { get; init; }
}
