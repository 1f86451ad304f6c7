namespace EvidenceKit.Timeline.Reading;

/// <summary>Gives back bytes already read (the head used to recognise a format), then the rest of the stream.</summary>
internal sealed class ReplayStream(byte[] head, Stream rest) : Stream
{
    private int _headOffset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_headOffset < head.Length)
        {
            var n = Math.Min(buffer.Length, head.Length - _headOffset);
            head.AsSpan(_headOffset, n).CopyTo(buffer);
            _headOffset += n;
            return n;
        }
        return rest.Read(buffer);
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
            rest.Dispose();
        }
        base.Dispose(disposing);
    }
}
