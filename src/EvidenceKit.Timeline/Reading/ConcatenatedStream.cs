namespace EvidenceKit.Timeline.Reading;

/// <summary>The parts of a split file (FAT32 targets) read one after the other as the one file they are; each opened only when reached.</summary>
internal sealed class ConcatenatedStream(IReadOnlyList<Func<Stream>> parts) : Stream
{
    private int _next;
    private Stream? _current;

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
        while (true)
        {
            if (_current is null)
            {
                if (_next >= parts.Count)
                {
                    return 0;
                }
                _current = parts[_next++]();
            }
            var read = _current.Read(buffer);
            if (read > 0 || buffer.Length == 0)
            {
                return read;
            }
            _current.Dispose();
            _current = null;
        }
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
            _current?.Dispose();
        }
        base.Dispose(disposing);
    }
}
