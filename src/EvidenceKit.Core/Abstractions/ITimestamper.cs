namespace EvidenceKit.Core.Abstractions;

/// <summary>Obtains an RFC 3161 time-stamp token from a time-stamp authority.</summary>
public interface ITimestamper
{
    /// <summary>
    /// Requests a token over the SHA-256 of <paramref name="data"/> (with a nonce and certReq) and returns
    /// the DER-encoded TimeStampToken. Throws <see cref="TimestampException"/> when the authority cannot be reached or refuses.
    /// </summary>
    Task<byte[]> TimestampAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
