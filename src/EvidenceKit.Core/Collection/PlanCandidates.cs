using System.Buffers;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// The files the planner has taken so far, with a set by host path so that a file two patterns match is taken once.
/// The set is one array of indices into the <see cref="PlanTable"/> (open addressing, at most half full: 8 bytes a file
/// at most, where a hash set of indices takes 16 to 32), looked up by the path's bytes (<see cref="PathBytes"/>, equal
/// exactly when the strings are equal ordinally), so no path is held twice.
/// </summary>
internal sealed class PlanCandidates
{
    /// <summary>Table index + 1 per slot; 0 is an empty slot.</summary>
    private int[] _slots = new int[1024];
    private int _count;

    public PlanTable Table { get; } = new();

    public bool Contains(string host)
    {
        var room = PathBytes.MaxBytes(host.Length);
        var rented = room > 1024 ? ArrayPool<byte>.Shared.Rent(room) : null;
        var bytes = rented ?? stackalloc byte[1024];
        try
        {
            var path = bytes[..PathBytes.Encode(host, bytes)];
            var mask = _slots.Length - 1;
            for (var slot = Hash(path) & mask; _slots[slot] != 0; slot = (slot + 1) & mask)
            {
                if (Table.PathOf(_slots[slot] - 1).SequenceEqual(path))
                {
                    return true;
                }
            }
            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Takes <paramref name="host"/>, which <see cref="Contains"/> has just not found.</summary>
    public void Add(string host, string target, SourceFileInfo info, string? discoveredFrom)
    {
        if ((_count + 1) * 2 > _slots.Length)
        {
            var old = _slots;
            _slots = new int[checked(old.Length * 2)];
            foreach (var entry in old)
            {
                if (entry != 0)
                {
                    Place(entry - 1);
                }
            }
        }
        Place(Table.Add(host, target, info, discoveredFrom));
        _count++;
    }

    /// <summary>Drops the set by path once planning is done (the table stays).</summary>
    public void Forget()
    {
        _slots = [0];
        _count = 0;
    }

    private void Place(int index)
    {
        var mask = _slots.Length - 1;
        var slot = Hash(Table.PathOf(index)) & mask;
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        _slots[slot] = index + 1;
    }

    private static int Hash(ReadOnlySpan<byte> path)
    {
        var hash = new HashCode();
        hash.AddBytes(path);
        return hash.ToHashCode() & int.MaxValue;
    }
}
