namespace EvidenceKit.Core.Tests.Support;

/// <summary>
/// Real source access with a hook: <see cref="AfterFirstRead"/> runs once, on the copying thread, right after the
/// first read of an opened file returns, so a test can change the file in the middle of a copy without sleeping.
/// <see cref="BeforeOpen"/> runs before each open.
/// </summary>
internal sealed class HookedSource(ISourceFiles inner) : DelegatingSource(inner)
{
    public Action<string>? BeforeOpen { get; set; }

    public Action<string>? AfterFirstRead { get; set; }

    public override SourceStream OpenRead(string path)
    {
        BeforeOpen?.Invoke(path);
        var opened = Inner.OpenRead(path);
        return opened with { Stream = new HookStream(opened.Stream, () => AfterFirstRead?.Invoke(path)) };
    }

    private sealed class HookStream(Stream stream, Action hook) : Stream
    {
        private int _fired;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => stream.Length;
        public override long Position { get => stream.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = stream.Read(buffer, offset, count);
            if (Interlocked.Exchange(ref _fired, 1) == 0)
            {
                hook();
            }
            return n;
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
                stream.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
