using System.Security.Cryptography;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Timeline.Reading;

/// <summary>
/// Hashes (SHA-256) every byte read from the evidence file as stored, so the timeline can prove it read the very bytes
/// the verifier checked; <see cref="Finish"/> reads what the parser left and returns the hash.
/// </summary>
internal sealed class HashingReadStream(Stream inner) : ForwardReadStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    protected override long Delivered => BytesRead;

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _hash.AppendData(buffer[..read]);
        BytesRead += read;
        return read;
    }

    /// <summary>
    /// Reads the rest of the file, but never more than <paramref name="expectedSize"/> + 1 bytes in all (a file that grew
    /// is different anyway), and returns the lower-case hex SHA-256 of what was read.
    /// </summary>
    public string Finish(long expectedSize)
    {
        var buffer = new byte[81920];
        while (BytesRead <= expectedSize)
        {
            var want = (int)Math.Min(buffer.Length, expectedSize + 1 - BytesRead);
            if (Read(buffer.AsSpan(0, want)) == 0)
            {
                break;
            }
        }
        return Hex.Lower(_hash.GetHashAndReset());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
