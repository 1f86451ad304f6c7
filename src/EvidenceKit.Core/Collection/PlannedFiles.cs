using System.Collections;
using System.Globalization;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// A plan's files in id order, kept compact (<see cref="PlanTable"/>): a <see cref="PlannedFile"/> is made when it is
/// asked for and dropped when its copy is done, so the collector holds a few of them at a time, not one per file.
/// A bag path is stored only where it is not the plain mirror of the host path (renamed, hostile or too long names).
/// </summary>
internal sealed class PlannedFiles : IReadOnlyList<PlannedFile>
{
    private readonly PlanTable _table;
    private readonly int[] _order;
    private readonly Dictionary<int, string> _renamed;

    /// <summary>Files of <paramref name="table"/> in <paramref name="order"/> (host-path order); bag paths from <paramref name="mapper"/>.</summary>
    public PlannedFiles(PlanTable table, int[] order, BagPathMapper mapper)
    {
        _table = table;
        _order = order;
        _renamed = [];
        long total = 0;
        for (var i = 0; i < order.Length; i++)
        {
            var host = table.HostPath(order[i]);
            var relative = host.TrimStart('/');
            var bagPath = mapper.Map(relative).BagPath;
            if (!IsMirror(bagPath, relative))
            {
                _renamed[i] = bagPath;
            }
            total += table.Size(order[i]);
        }
        TotalBytes = total;
    }

    public int Count => _order.Length;

    /// <summary>Bytes the plan will copy.</summary>
    public long TotalBytes { get; }

    public PlannedFile this[int index]
    {
        get
        {
            var row = _order[index];
            var host = _table.HostPath(row);
            var bagPath = _renamed.TryGetValue(index, out var renamed) ? renamed : BundleLayout.DataDir + "/" + host.TrimStart('/');
            return new PlannedFile(Id(index), host, bagPath, _table.Target(row), _table.AtPlan(row), _table.DiscoveredFrom(row));
        }
    }

    /// <summary>The size of the file at <paramref name="index"/> when planned, without making its <see cref="PlannedFile"/>.</summary>
    public long SizeAt(int index) => _table.Size(_order[index]);

    /// <summary>"E000001" for the first file.</summary>
    public static string Id(int index) => string.Create(CultureInfo.InvariantCulture, $"E{index + 1:D6}");

    public IEnumerator<PlannedFile> GetEnumerator()
    {
        for (var i = 0; i < _order.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool IsMirror(string bagPath, string relative) =>
        bagPath.Length == BundleLayout.DataDir.Length + 1 + relative.Length
        && bagPath.StartsWith(BundleLayout.DataDir, StringComparison.Ordinal)
        && bagPath[BundleLayout.DataDir.Length] == '/'
        && bagPath.AsSpan(BundleLayout.DataDir.Length + 1).SequenceEqual(relative);
}
