using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Platform.Linux;

/// <summary>
/// An unbuffered stream on an open file descriptor that reads with read(2) and writes with write(2) from the current
/// offset, and nothing else: unlike a <see cref="FileStream"/> wrapped around a handle, opening one costs no lseek or
/// fstat, which for a 200-byte log were four of the system calls of its copy. The stream owns the handle.
/// </summary>
internal sealed class DescriptorStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly bool _canRead;
    private readonly bool _canWrite;
    private long _position;

    /// <summary>A stream on <paramref name="handle"/>, which it disposes.</summary>
    public DescriptorStream(SafeFileHandle handle, FileAccess access)
    {
        _handle = handle;
        _canRead = access.HasFlag(FileAccess.Read);
        _canWrite = access.HasFlag(FileAccess.Write);
    }

    /// <summary>The descriptor, for fsync.</summary>
    public SafeFileHandle Handle => _handle;

    public override bool CanRead => _canRead && !_handle.IsClosed;

    public override bool CanWrite => _canWrite && !_handle.IsClosed;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException("A descriptor stream is read or written in order only.");

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("A descriptor stream is read or written in order only.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override unsafe int Read(Span<byte> buffer)
    {
        if (!_canRead)
        {
            throw new NotSupportedException("This stream was opened for writing.");
        }
        if (buffer.IsEmpty)
        {
            return 0;
        }
        fixed (byte* b = buffer)
        {
            while (true)
            {
                var n = LinuxNative.ReadPtr(Fd, b, (nuint)buffer.Length);
                if (n >= 0)
                {
                    _position += n;
                    return (int)n;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno != LinuxNative.EINTR)
                {
                    throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
                }
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_canWrite)
        {
            throw new NotSupportedException("This stream was opened for reading.");
        }
        fixed (byte* b = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var n = LinuxNative.WritePtr(Fd, b + done, (nuint)(buffer.Length - done));
                if (n > 0)
                {
                    done += (int)n;
                    _position += n;
                    continue;
                }
                var errno = n == 0 ? LinuxNative.EIO : Marshal.GetLastPInvokeError();
                if (errno != LinuxNative.EINTR)
                {
                    throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
                }
            }
        }
    }

    /// <summary>Nothing to do: every write went to the kernel at once. <see cref="FlushToDisk"/> makes it durable.</summary>
    public override void Flush()
    {
    }

    /// <summary>fsync(2): returns once the file's data and metadata are on stable storage.</summary>
    /// <exception cref="IOException">The file system reported an error (a lost write surfaces here).</exception>
    public void FlushToDisk()
    {
        if (LinuxNative.FSync(Fd) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A descriptor stream is read or written in order only.");

    public override void SetLength(long value) => throw new NotSupportedException("A descriptor stream is read or written in order only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Fd => (int)_handle.DangerousGetHandle();
}
