namespace EvidenceKit.Core.Tests.Support;

/// <summary>Wraps a stream and throws <paramref name="error"/> once <paramref name="afterBytes"/> bytes have passed (reads or writes).</summary>
internal sealed class ThrowingStream(Stream inner, IOException error, long afterBytes = 0) : Stream
{
    private long _passed;

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_passed >= afterBytes)
        {
            throw error;
        }
        var n = inner.Read(buffer, offset, (int)Math.Min(count, afterBytes - _passed));
        _passed += n;
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_passed + count > afterBytes)
        {
            throw error;
        }
        inner.Write(buffer, offset, count);
        _passed += count;
    }

    public override void Flush() => inner.Flush();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
