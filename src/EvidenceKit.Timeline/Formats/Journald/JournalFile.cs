using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace EvidenceKit.Timeline.Formats.Journald;

/// <summary>
/// Random access to a journal file that arrived as a non-seekable stream: the stream is spilled to a private
/// temporary file (mode 0600, deleted on close) of at most <see cref="MaxSpillBytes"/>, and every object read
/// from it is checked against the spilled length, its expected type and <see cref="MaxObjectBytes"/> before a
/// byte of it is allocated.
/// </summary>
internal sealed class JournalFile : IDisposable
{
    /// <summary>The most bytes of one journal file spilled and read (2 GiB); the rest is reported unread.</summary>
    public const long MaxSpillBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>The largest object read (64 MiB, journald's own default cap on one field's data).</summary>
    public const long MaxObjectBytes = 64L * 1024 * 1024;

    private const int WindowBytes = 256 * 1024;

    private readonly FileStream _spill;
    private readonly byte[] _window = new byte[WindowBytes];
    private long _windowStart;
    private int _windowLength;

    private JournalFile(FileStream spill, bool cut)
    {
        _spill = spill;
        Length = spill.Length;
        WasCut = cut;
    }

    /// <summary>Bytes available to read.</summary>
    public long Length { get; }

    /// <summary>True when the stream was longer than <see cref="MaxSpillBytes"/> and its tail was not kept.</summary>
    public bool WasCut { get; }

    private SafeFileHandle Handle => _spill.SafeFileHandle;

    /// <summary>Copies <paramref name="content"/> (at most <paramref name="limit"/> bytes) into a private temporary file.</summary>
    public static JournalFile Spill(Stream content, CancellationToken cancellationToken, long limit = MaxSpillBytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ek-journal-{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var spill = new FileStream(path, options);
        try
        {
            var buffer = new byte[1024 * 1024];
            long total = 0;
            var cut = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var want = (int)Math.Min(buffer.Length, limit - total + 1);
                var read = content.Read(buffer, 0, want);
                if (read == 0)
                {
                    break;
                }
                var keep = (int)Math.Min(read, limit - total);
                spill.Write(buffer, 0, keep);
                total += keep;
                if (keep < read)
                {
                    cut = true;
                    break;
                }
            }
            spill.Flush();
            return new JournalFile(spill, cut);
        }
        catch
        {
            spill.Dispose();
            throw;
        }
    }

    /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/>, which must lie inside the file.</summary>
    public byte[] ReadBytes(long offset, int count)
    {
        if (offset < 0 || count < 0 || offset > Length - count)
        {
            throw new JournalFormatException($"read of {count} bytes at offset {offset} is outside the file ({Length} bytes)");
        }
        var bytes = new byte[count];
        if (count <= WindowBytes)
        {
            // Objects are appended in order, so an entry and its data lie close together: one read serves many.
            if (offset < _windowStart || offset + count > _windowStart + _windowLength)
            {
                _windowStart = offset;
                _windowLength = (int)Math.Min(WindowBytes, Length - offset);
                ReadExactly(_window.AsSpan(0, _windowLength), offset);
            }
            _window.AsSpan((int)(offset - _windowStart), count).CopyTo(bytes);
            return bytes;
        }
        ReadExactly(bytes, offset);
        return bytes;
    }

    private void ReadExactly(Span<byte> target, long offset)
    {
        var done = 0;
        while (done < target.Length)
        {
            var n = RandomAccess.Read(Handle, target[done..], offset + done);
            if (n == 0)
            {
                throw new JournalFormatException($"file ended at offset {offset + done}");
            }
            done += n;
        }
    }

    /// <summary>
    /// Reads the object at <paramref name="offset"/>, checking its alignment, type, that its size covers at least
    /// <paramref name="minimumSize"/>, is at most <paramref name="maximumSize"/> and lies inside the file.
    /// </summary>
    public JournalObject ReadObject(ulong offset, byte expectedType, int minimumSize, long maximumSize = MaxObjectBytes)
    {
        if (offset == 0 || offset % 8 != 0 || offset > (ulong)Length)
        {
            throw new JournalFormatException($"object offset {offset} is not an aligned offset inside the file");
        }
        var start = (long)offset;
        var head = ReadBytes(start, JournalObject.HeaderSize);
        var type = head[0];
        var size = BinaryPrimitives.ReadUInt64LittleEndian(head.AsSpan(8));
        if (type != expectedType)
        {
            throw new JournalFormatException($"object at {offset} has type {type}, expected {expectedType}");
        }
        if (size < (ulong)minimumSize || size > (ulong)maximumSize || size > (ulong)(Length - start))
        {
            throw new JournalFormatException($"object at {offset} has size {size}, out of bounds");
        }
        return new JournalObject(type, head[1], start, ReadBytes(start, (int)size));
    }

    /// <inheritdoc />
    public void Dispose() => _spill.Dispose();
}
