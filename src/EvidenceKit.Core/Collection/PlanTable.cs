using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Every file a plan has taken, compact: host paths as bytes in one <see cref="PathPool"/>, one 48-byte
/// <see cref="PlanEntry"/> each, target names, discovery lines and devices stored once. 48 bytes and about one byte a
/// character of the path per file, where a <see cref="PlannedFile"/> with its strings and metadata object is several
/// hundred.
/// </summary>
internal sealed class PlanTable
{
    private readonly PathPool _paths = new();
    private readonly ChunkedList<PlanEntry> _entries = new();
    private readonly Interned<string> _targets = new();
    private readonly Interned<string> _discovered = new();
    private readonly Interned<ulong> _devices = new();

    public int Count => _entries.Count;

    /// <summary>Takes <paramref name="host"/> with the metadata it had when planned; gives its index.</summary>
    public int Add(string host, string target, SourceFileInfo info, string? discoveredFrom) => _entries.Add(new PlanEntry
    {
        PathStart = _paths.Add(host, out var length),
        PathLength = length,
        Target = _targets.IndexOf(target),
        DiscoveredFrom = discoveredFrom is null ? -1 : _discovered.IndexOf(discoveredFrom),
        Size = info.Size,
        ModifiedTicks = info.ModifiedUtc.UtcTicks,
        Inode = info.Inode ?? 0,
        DeviceAndFlags = ((info.Device is { } device ? _devices.IndexOf(device) + 1 : 0) << 1) | (info.Inode is null ? 0 : 1),
    });

    /// <summary>The host path's bytes (<see cref="PathBytes"/>); they compare and match as the strings do, ordinally.</summary>
    public ReadOnlySpan<byte> PathOf(int index)
    {
        ref var entry = ref _entries[index];
        return _paths.Get(entry.PathStart, entry.PathLength);
    }

    public string HostPath(int index) => PathBytes.Decode(PathOf(index));

    public string Target(int index) => _targets[_entries[index].Target];

    public string? DiscoveredFrom(int index) => _entries[index].DiscoveredFrom is var d and >= 0 ? _discovered[d] : null;

    public long Size(int index) => _entries[index].Size;

    public long ModifiedTicks(int index) => _entries[index].ModifiedTicks;

    /// <summary>The metadata kept from planning: a regular file's size, modification time, inode and device.</summary>
    public SourceFileInfo AtPlan(int index)
    {
        ref var entry = ref _entries[index];
        return new SourceFileInfo
        {
            Kind = FileKind.Regular,
            Size = entry.Size,
            ModifiedUtc = new DateTimeOffset(entry.ModifiedTicks, TimeSpan.Zero),
            Inode = (entry.DeviceAndFlags & 1) != 0 ? entry.Inode : null,
            Device = entry.DeviceAndFlags >> 1 is var device and > 0 ? _devices[device - 1] : null,
        };
    }

    /// <summary>Host paths in ordinal order, as <see cref="StringComparer.Ordinal"/> orders the strings (see <see cref="PathBytes"/>).</summary>
    public int ComparePaths(int a, int b) => PathOf(a).SequenceCompareTo(PathOf(b));

    /// <summary>A few distinct values (target names, discovery lines, devices), each stored once and named by its index.</summary>
    private sealed class Interned<T>
        where T : notnull
    {
        private readonly List<T> _list = [];
        private readonly Dictionary<T, int> _index = [];

        public T this[int index] => _list[index];

        public int IndexOf(T value)
        {
            if (!_index.TryGetValue(value, out var index))
            {
                index = _list.Count;
                _list.Add(value);
                _index[value] = index;
            }
            return index;
        }
    }
}
