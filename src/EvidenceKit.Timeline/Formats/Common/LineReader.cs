using System.Text;

namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>
/// Reads a text log line by line with 1-based line numbers and a per-line size cap, so a hostile file of one
/// endless line costs at most <see cref="MaxLineBytes"/> of memory. Lines end at LF; a CR before it is dropped.
/// Bytes past the cap are skipped up to the next LF and the line is marked <see cref="LogLine.Truncated"/>.
/// </summary>
internal sealed class LineReader
{
    /// <summary>The default cap: 64 KiB per line.</summary>
    public const int DefaultMaxLineBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;
    private long _number;
    private bool _eof;

    /// <summary>Reads <paramref name="stream"/> from its current position.</summary>
    public LineReader(Stream stream, int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _stream = stream;
        MaxLineBytes = maxLineBytes;
    }

    /// <summary>The most bytes of one line kept.</summary>
    public int MaxLineBytes { get; }

    /// <summary>The number of the last line returned (0 before the first).</summary>
    public long LineNumber => _number;

    /// <summary>Reads the next line; false at the end of the stream.</summary>
    public bool TryRead(out LogLine line)
    {
        _line.SetLength(0);
        var truncated = false;
        var sawAny = false;
        while (true)
        {
            if (_start == _end)
            {
                if (_eof || !Fill())
                {
                    break;
                }
            }
            sawAny = true;
            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf((byte)'\n');
            if (newline >= 0 && _line.Length == 0 && newline <= MaxLineBytes)
            {
                // The whole line is in the buffer: decoded from there, not copied first.
                _start += newline + 1;
                return Emit(span[..newline], truncated: false, out line);
            }
            var take = newline < 0 ? span.Length : newline;
            var room = MaxLineBytes - (int)_line.Length;
            if (take > room)
            {
                truncated = true;
            }
            _line.Write(span[..Math.Min(take, Math.Max(room, 0))]);
            if (newline >= 0)
            {
                _start += newline + 1;
                return Emit(truncated, out line);
            }
            _start = _end;
        }
        if (!sawAny)
        {
            line = default;
            return false;
        }
        return Emit(truncated, out line);
    }

    private bool Fill()
    {
        _start = 0;
        _end = _stream.Read(_buffer, 0, _buffer.Length);
        if (_end == 0)
        {
            _eof = true;
            return false;
        }
        return true;
    }

    private bool Emit(bool truncated, out LogLine line) => Emit(_line.GetBuffer().AsSpan(0, (int)_line.Length), truncated, out line);

    private bool Emit(ReadOnlySpan<byte> bytes, bool truncated, out LogLine line)
    {
        if (!truncated && bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }
        _number++;
        line = new LogLine(_number, Encoding.UTF8.GetString(bytes), truncated);
        return true;
    }
}
