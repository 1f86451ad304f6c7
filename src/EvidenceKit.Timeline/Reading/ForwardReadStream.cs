namespace EvidenceKit.Timeline.Reading;

/// <summary>
/// The shape every stream of the timeline's reading shares: read forward once, never seek, never write. A subclass
/// gives only <see cref="Read(Span{byte})"/> (and, when it counts them, the bytes delivered as <see cref="Delivered"/>).
/// </summary>
internal abstract class ForwardReadStream : Stream
{
    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    public sealed override long Length => throw new NotSupportedException();

    public sealed override long Position
    {
        get => Delivered;
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes delivered so far, when the stream counts them; otherwise reading the position is not supported.</summary>
    protected virtual long Delivered => throw new NotSupportedException();

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public abstract override int Read(Span<byte> buffer);

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
