namespace EvidenceKit.Core.Collection;

/// <summary>
/// Holds many paths as characters in a few large blocks instead of one string object each (a string costs about 22 bytes
/// of header and padding, and a million of them are a million objects for the collector to trace). Only ever appended
/// to; a path is named by the <see cref="long"/> <see cref="Add"/> returned and its length.
/// </summary>
internal sealed class PathPool
{
    /// <summary>Characters in one block (2 MiB); a longer path gets a block of its own.</summary>
    private const int BlockChars = 1 << 20;

    private readonly List<char[]> _blocks = [];
    private int _used = BlockChars;

    /// <summary>Stores <paramref name="path"/>; the result and its length give it back.</summary>
    public long Add(ReadOnlySpan<char> path)
    {
        if (path.Length > BlockChars - _used)
        {
            _blocks.Add(new char[Math.Max(BlockChars, path.Length)]);
            _used = 0;
        }
        var block = _blocks.Count - 1;
        path.CopyTo(_blocks[block].AsSpan(_used));
        var start = ((long)block << 32) | (uint)_used;
        _used += path.Length;
        return start;
    }

    /// <summary>The characters stored at <paramref name="start"/>.</summary>
    public ReadOnlySpan<char> Get(long start, int length) => _blocks[(int)(start >> 32)].AsSpan((int)(start & uint.MaxValue), length);
}
