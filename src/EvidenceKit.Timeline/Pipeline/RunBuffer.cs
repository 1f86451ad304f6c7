using System.Runtime.InteropServices;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// The events of the run being gathered, held serialized (the spill format) in one byte buffer with a small key per
/// event, not as objects: the memory held is the bytes counted, and the garbage collector never has to trace or move
/// millions of live events. The buffer grows by doubling up to its capacity; one event larger than the whole capacity
/// gets a buffer of its own size.
/// </summary>
internal sealed class RunBuffer
{
    private const int InitialBytes = 1 << 20;
    private readonly int _capacity;
    private readonly SpillWriter _scratch = new();
    private readonly List<RunKey> _keys = [];
    private byte[] _bytes;
    private int _used;

    public RunBuffer(int capacity)
    {
        _capacity = Math.Max(capacity, 1024);
        _bytes = new byte[Math.Min(_capacity, InitialBytes)];
    }

    /// <summary>Events held.</summary>
    public int Count => _keys.Count;

    /// <summary>Serializes <paramref name="e"/>; false (nothing held) when the buffer is full: spill, then add again.</summary>
    public bool TryAdd(TimelineEvent e)
    {
        _scratch.Clear();
        SpillFormat.Write(_scratch, e);
        var length = _scratch.Written.Length;
        if (!Room(length))
        {
            return false;
        }
        _scratch.Written.CopyTo(_bytes.AsSpan(_used));
        _keys.Add(new RunKey(e.Ticks, e.FileOrdinal, e.Sequence, _used, length));
        _used += length;
        return true;
    }

    /// <summary>Sorts the events held into the timeline's order.</summary>
    public void Sort() => CollectionsMarshal.AsSpan(_keys).Sort(RunKey.Compare);

    /// <summary>Writes the events held, in their current order, to <paramref name="output"/>.</summary>
    public void WriteTo(Stream output)
    {
        foreach (var key in _keys)
        {
            output.Write(_bytes, key.Offset, key.Length);
        }
    }

    /// <summary>The events held, in their current order, read back as objects.</summary>
    public IEnumerable<TimelineEvent> Read()
    {
        using var reader = new SpillReader(new MemoryStream(_bytes, 0, _used, writable: false), new SpillStrings());
        foreach (var key in _keys)
        {
            reader.Stream.Position = key.Offset;
            yield return SpillFormat.Read(reader);
        }
    }

    /// <summary>Forgets the events held (the buffer is kept for the next run, or shrunk back if one event outgrew it).</summary>
    public void Clear()
    {
        _keys.Clear();
        _used = 0;
        if (_bytes.Length > _capacity)
        {
            _bytes = new byte[_capacity];
        }
    }

    private bool Room(int length)
    {
        if (_used + length <= _bytes.Length)
        {
            return true;
        }
        if (_used + length <= _capacity)
        {
            Array.Resize(ref _bytes, (int)Math.Min(_capacity, Math.Max((long)_bytes.Length * 2, _used + length)));
            return true;
        }
        if (_keys.Count == 0)
        {
            _bytes = new byte[length];
            return true;
        }
        return false;
    }
}
