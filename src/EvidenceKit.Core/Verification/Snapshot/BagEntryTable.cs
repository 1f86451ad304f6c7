using System.Runtime.InteropServices;
using System.Text;

namespace EvidenceKit.Core.Verification.Snapshot;

/// <summary>
/// The snapshot's listing held compactly, so a bag of a million files costs tens of megabytes, not a gigabyte: each
/// entry is one fixed-size struct (length, inode, device, kind and where its path is) in one array, every path is
/// UTF-8 in a pool of large chunks, and lookup by path is an open-addressing index of entry numbers, hashed with a
/// per-process random seed (<see cref="HashCode"/>) so hostile names cannot make it quadratic. A <see cref="BagEntry"/>
/// is made only when asked for, and dropped by the caller. A name listed twice (two raw names escaped to one text)
/// keeps the last, as a dictionary would.
/// </summary>
internal sealed class BagEntryTable
{
    private const int ChunkBytes = 4 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [StructLayout(LayoutKind.Auto)]
    private struct Slot
    {
        public long Length;
        public ulong Inode;
        public long PathRef;
        public int PathLength;
        public int Device;
        public BagEntryKind Kind;
        public bool Shadowed;
    }

    private readonly List<byte[]> _chunks = [];
    private readonly List<ulong> _devices = [];
    private readonly Dictionary<int, string> _linkTargets = [];
    private Slot[] _slots = new Slot[1024];
    private int[] _index = [];
    private int[] _hashes = [];
    private int _chunkUsed = ChunkBytes;
    private int _mask;

    /// <summary>Entries added, names listed twice included (see <see cref="Count"/>).</summary>
    public int Slots { get; private set; }

    /// <summary>Distinct entries.</summary>
    public int Count { get; private set; }

    /// <summary>Appends one entry of the walk; <see cref="Seal"/> must follow the last.</summary>
    public void Add(BagEntry entry)
    {
        if (Slots == _slots.Length)
        {
            Array.Resize(ref _slots, checked(_slots.Length * 2));
        }
        var length = Encoding.UTF8.GetByteCount(entry.BagPath);
        var pathRef = Reserve(length, out var target);
        Encoding.UTF8.GetBytes(entry.BagPath, target);
        var device = _devices.IndexOf(entry.Device);
        if (device < 0)
        {
            device = _devices.Count;
            _devices.Add(entry.Device);
        }
        if (entry.LinkTarget is not null)
        {
            _linkTargets[Slots] = entry.LinkTarget;
        }
        _slots[Slots++] = new Slot
        {
            Length = entry.Length,
            Inode = entry.Inode,
            PathRef = pathRef,
            PathLength = length,
            Device = device,
            Kind = entry.Kind,
        };
    }

    /// <summary>Builds the lookup index once every entry is in.</summary>
    public void Seal()
    {
        var capacity = 16;
        while (capacity < Slots * 2L)
        {
            capacity *= 2;
        }
        _index = new int[capacity];
        _hashes = new int[capacity];
        _mask = capacity - 1;
        Count = 0;
        for (var i = 0; i < Slots; i++)
        {
            var bucket = Probe(Path(i), out var found, out var hash);
            if (found >= 0)
            {
                _slots[found].Shadowed = true;
            }
            else
            {
                Count++;
            }
            _index[bucket] = i + 1;
            _hashes[bucket] = hash;
        }
    }

    /// <summary>
    /// The entry number of <paramref name="bagPath"/>, or -1. A text that is not valid Unicode (a lone surrogate) names
    /// no entry: it is not turned into U+FFFD, which would make it another file's name.
    /// </summary>
    public int IndexOf(string bagPath)
    {
        var max = Encoding.UTF8.GetMaxByteCount(bagPath.Length);
        var rented = max > 512 ? new byte[max] : null;
        Span<byte> buffer = rented ?? stackalloc byte[512];
        int length;
        try
        {
            length = StrictUtf8.GetBytes(bagPath, buffer);
        }
        catch (EncoderFallbackException)
        {
            return -1;
        }
        Probe(buffer[..length], out var found, out _);
        return found;
    }

    /// <summary>True for a slot another entry of the same name replaced (skipped when listing).</summary>
    public bool IsShadowed(int index) => _slots[index].Shadowed;

    public BagEntryKind KindAt(int index) => _slots[index].Kind;

    public long LengthAt(int index) => _slots[index].Length;

    public ulong InodeAt(int index) => _slots[index].Inode;

    public ulong DeviceAt(int index) => _devices[_slots[index].Device];

    /// <summary>The UTF-8 path of entry <paramref name="index"/>, without copying.</summary>
    public ReadOnlySpan<byte> Path(int index)
    {
        ref var slot = ref _slots[index];
        return _chunks[(int)(slot.PathRef >> 32)].AsSpan((int)(slot.PathRef & 0xffffffff), slot.PathLength);
    }

    public string PathAt(int index) => Encoding.UTF8.GetString(Path(index));

    /// <summary>Entry <paramref name="index"/> as a record (made now; the table does not keep it).</summary>
    public BagEntry EntryAt(int index)
    {
        ref var slot = ref _slots[index];
        return new BagEntry(PathAt(index), slot.Kind, slot.Length, _linkTargets.GetValueOrDefault(index), _devices[slot.Device], slot.Inode);
    }

    private int Probe(ReadOnlySpan<byte> path, out int found, out int hash)
    {
        var hasher = new HashCode();
        hasher.AddBytes(path);
        hash = hasher.ToHashCode();
        var bucket = hash & _mask;
        while (_index[bucket] != 0)
        {
            var candidate = _index[bucket] - 1;
            // The full hash kept beside the bucket: most other paths met while probing are passed without reading them.
            if (_hashes[bucket] == hash && Path(candidate).SequenceEqual(path))
            {
                found = candidate;
                return bucket;
            }
            bucket = (bucket + 1) & _mask;
        }
        found = -1;
        return bucket;
    }

    private long Reserve(int length, out Span<byte> target)
    {
        if (length > ChunkBytes - _chunkUsed)
        {
            _chunks.Add(new byte[Math.Max(ChunkBytes, length)]);
            _chunkUsed = 0;
        }
        var chunk = _chunks.Count - 1;
        var offset = _chunkUsed;
        _chunkUsed += length;
        target = _chunks[chunk].AsSpan(offset, length);
        return ((long)chunk << 32) | (uint)offset;
    }
}
