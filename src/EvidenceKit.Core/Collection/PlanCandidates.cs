using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// The files the planner has taken so far, with a set by host path so that a file two patterns match is taken once.
/// The set holds indices into the <see cref="PlanTable"/> and is looked up by the path's characters, so no path is
/// held twice.
/// </summary>
internal sealed class PlanCandidates
{
    private readonly HashSet<int> _byPath;
    private readonly HashSet<int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PlanCandidates()
    {
        _byPath = new HashSet<int>(new PathComparer(Table));
        _lookup = _byPath.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public PlanTable Table { get; } = new();

    public bool Contains(string host) => _lookup.Contains(host);

    public void Add(string host, string target, SourceFileInfo info, string? discoveredFrom) =>
        _byPath.Add(Table.Add(host, target, info, discoveredFrom));

    /// <summary>Drops the set by path once planning is done (the table stays).</summary>
    public void Forget()
    {
        _byPath.Clear();
        _byPath.TrimExcess();
    }

    /// <summary>Compares table indices by their host paths, and looks a path up by its characters.</summary>
    private sealed class PathComparer(PlanTable table) : IEqualityComparer<int>, IAlternateEqualityComparer<ReadOnlySpan<char>, int>
    {
        public bool Equals(int x, int y) => table.PathOf(x).SequenceEqual(table.PathOf(y));

        public int GetHashCode(int obj) => string.GetHashCode(table.PathOf(obj), StringComparison.Ordinal);

        public bool Equals(ReadOnlySpan<char> alternate, int other) => alternate.SequenceEqual(table.PathOf(other));

        public int GetHashCode(ReadOnlySpan<char> alternate) => string.GetHashCode(alternate, StringComparison.Ordinal);

        public int Create(ReadOnlySpan<char> alternate) =>
            throw new NotSupportedException("Candidates are added through the table, never by path alone.");
    }
}
