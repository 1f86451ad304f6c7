namespace EvidenceKit.Core.Collection;

/// <summary>
/// Holds many paths as bytes in a few large blocks instead of one string object each (a string costs about 22 bytes
/// of header and padding and two bytes a character, and a million of them are a million objects for the collector to
/// trace). Each path is stored in its <see cref="PathBytes"/> form: one byte a character for the ASCII names that make
/// up nearly every log path. Only ever appended to; a path is named by the <see cref="long"/> <see cref="Add"/>
/// returned and its length in bytes.
/// </summary>
internal sealed class PathPool
{
    /// <summary>Bytes in one block (1 MiB); a longer path gets a block of its own.</summary>
    private const int BlockBytes = 1 << 20;

    private readonly List<byte[]> _blocks = [];
    private int _used = BlockBytes;

    /// <summary>Stores <paramref name="path"/>; the result and <paramref name="length"/> (in bytes) give it back.</summary>
    public long Add(ReadOnlySpan<char> path, out int length)
    {
        var room = PathBytes.MaxBytes(path.Length);
        if (room > BlockBytes - _used)
        {
            _blocks.Add(new byte[Math.Max(BlockBytes, room)]);
            _used = 0;
        }
        var block = _blocks.Count - 1;
        length = PathBytes.Encode(path, _blocks[block].AsSpan(_used));
        var start = ((long)block << 32) | (uint)_used;
        _used += length;
        return start;
    }

    /// <summary>The bytes stored at <paramref name="start"/>.</summary>
    public ReadOnlySpan<byte> Get(long start, int length) => _blocks[(int)(start >> 32)].AsSpan((int)(start & uint.MaxValue), length);
}
