namespace EvidenceKit.Timeline.Reading;

/// <summary>
/// Passes reads through until <see cref="Limit"/> bytes have been delivered, then throws
/// <see cref="DecompressionLimitException"/>: a decompression bomb is stopped after a known amount of output.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : ForwardReadStream
{
    private long _delivered;

    public long Limit => limit;

    protected override long Delivered => _delivered;

    public override int Read(Span<byte> buffer)
    {
        if (_delivered >= limit)
        {
            // One byte more would be over: probe whether the stream really goes on.
            Span<byte> probe = stackalloc byte[1];
            if (inner.Read(probe) == 0)
            {
                return 0;
            }
            throw new DecompressionLimitException(limit);
        }
        var allowed = (int)Math.Min(buffer.Length, limit - _delivered);
        var read = inner.Read(buffer[..allowed]);
        _delivered += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
