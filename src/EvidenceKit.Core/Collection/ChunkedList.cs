namespace EvidenceKit.Core.Collection;

/// <summary>
/// A list of structs in blocks of a fixed count: growing never copies what is stored nor holds the old array beside a
/// twice larger new one, so the memory is the entries plus at most one part-filled block.
/// </summary>
internal sealed class ChunkedList<T>
    where T : struct
{
    private const int BlockShift = 16;
    private const int BlockCount = 1 << BlockShift;

    private readonly List<T[]> _blocks = [];

    public int Count { get; private set; }

    public ref T this[int index] => ref _blocks[index >> BlockShift][index & (BlockCount - 1)];

    /// <summary>Appends <paramref name="item"/> and gives its index.</summary>
    public int Add(in T item)
    {
        if ((Count & (BlockCount - 1)) == 0 && Count >> BlockShift == _blocks.Count)
        {
            _blocks.Add(new T[BlockCount]);
        }
        this[Count] = item;
        return Count++;
    }
}
