using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// The files the planner has taken so far, with a set by host path so that a file two patterns match is taken once.
/// The set holds indices into the <see cref="PlanTable"/> and is looked up by the path's bytes (<see cref="PathBytes"/>,
/// equal exactly when the strings are equal ordinally), so no path is held twice.
/// </summary>
internal sealed class PlanCandidates
{
    private readonly HashSet<int> _byPath;
    private readonly HashSet<int>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public PlanCandidates()
    {
        _byPath = new HashSet<int>(new PathComparer(Table));
        _lookup = _byPath.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public PlanTable Table { get; } = new();

    public bool Contains(string host)
    {
        var room = PathBytes.MaxBytes(host.Length);
        var rented = room > 1024 ? System.Buffers.ArrayPool<byte>.Shared.Rent(room) : null;
        var bytes = rented ?? stackalloc byte[1024];
        try
        {
            return _lookup.Contains(bytes[..PathBytes.Encode(host, bytes)]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void Add(string host, string target, SourceFileInfo info, string? discoveredFrom) =>
        _byPath.Add(Table.Add(host, target, info, discoveredFrom));

    /// <summary>Drops the set by path once planning is done (the table stays).</summary>
    public void Forget()
    {
        _byPath.Clear();
        _byPath.TrimExcess();
    }

    /// <summary>Compares table indices by their host paths, and looks a path up by its bytes.</summary>
    private sealed class PathComparer(PlanTable table) : IEqualityComparer<int>, IAlternateEqualityComparer<ReadOnlySpan<byte>, int>
    {
        public bool Equals(int x, int y) => table.PathOf(x).SequenceEqual(table.PathOf(y));

        public int GetHashCode(int obj) => Hash(table.PathOf(obj));

        public bool Equals(ReadOnlySpan<byte> alternate, int other) => alternate.SequenceEqual(table.PathOf(other));

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public int Create(ReadOnlySpan<byte> alternate) =>
            throw new NotSupportedException("Candidates are added through the table, never by path alone.");

        private static int Hash(ReadOnlySpan<byte> path)
        {
            var hash = new HashCode();
            hash.AddBytes(path);
            return hash.ToHashCode();
        }
    }
}
