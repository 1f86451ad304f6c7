namespace EvidenceKit.Timeline.Reading;

/// <summary>The parts of a split file (FAT32 targets) read one after the other as the one file they are; each opened only when reached.</summary>
internal sealed class ConcatenatedStream(IReadOnlyList<Func<Stream>> parts) : ForwardReadStream
{
    private int _next;
    private Stream? _current;

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
        }
        base.Dispose(disposing);
    }
}
