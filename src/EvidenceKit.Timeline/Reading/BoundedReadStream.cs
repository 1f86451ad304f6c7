namespace EvidenceKit.Timeline.Reading;

/// <summary>
/// Passes reads through until <see cref="Limit"/> bytes have been delivered, then throws
/// <see cref="DecompressionLimitException"/>: a decompression bomb is stopped after a known amount of output.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : Stream
{
    private long _delivered;

    public long Limit => limit;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _delivered;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

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

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
