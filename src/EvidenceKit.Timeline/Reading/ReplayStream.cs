namespace EvidenceKit.Timeline.Reading;

/// <summary>Gives back bytes already read (the head used to recognise a format), then the rest of the stream.</summary>
internal sealed class ReplayStream(byte[] head, Stream rest) : ForwardReadStream
{
    private int _headOffset;

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }
        base.Dispose(disposing);
    }
}
