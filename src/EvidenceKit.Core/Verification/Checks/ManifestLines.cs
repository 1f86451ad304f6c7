using System.Collections;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// The lines of one manifest held compactly (a few tens of bytes a line, whatever the path): a path the snapshot
/// lists is kept as its entry number, any other path once as text; the digest as bytes; the line number. Each
/// entry's first line is indexed, and a line that repeats an earlier line's path is noted, so completeness, duplicates
/// and the comparison with the records need no set of paths. A <see cref="BundleReaderManifestLine"/> is made only
/// when asked for.
/// </summary>
internal sealed class ManifestLines : IReadOnlyList<BundleReaderManifestLine>
{
    private readonly BagSnapshot? _snapshot;
    private readonly int _digestBytes;
    private readonly List<string> _otherPaths = [];
    private readonly Dictionary<string, int> _firstLineOfOther = new(StringComparer.Ordinal);
    private readonly int[] _firstLineOfEntry;
    private readonly Dictionary<int, List<int>> _repeatsOfEntry = [];
    private int[] _pathRefs;
    private int[] _lineNumbers;
    private byte[] _digests;

    /// <summary>No lines (a manifest that could not be read).</summary>
    public static ManifestLines Empty { get; } = new(null, 0, 0);

    /// <param name="snapshot">The snapshot whose entries the paths are matched with.</param>
    /// <param name="hexDigits">Hex digits of the algorithm's digest.</param>
    /// <param name="expectedLines">How many lines to make room for at once (the manifest's line cap, bounded).</param>
    public ManifestLines(BagSnapshot? snapshot, int hexDigits, long expectedLines)
    {
        _snapshot = snapshot;
        _digestBytes = hexDigits / 2;
        var capacity = (int)Math.Clamp(expectedLines, 0, 1 << 24);
        _pathRefs = new int[capacity];
        _lineNumbers = new int[capacity];
        _digests = new byte[capacity * _digestBytes];
        _firstLineOfEntry = new int[snapshot?.EntrySlots ?? 0];
    }

    public int Count { get; private set; }

    /// <summary>The bytes of one digest.</summary>
    public int DigestBytes => _digestBytes;

    /// <summary>Lines whose path an earlier line of this manifest lists: (this line's index, the first line's index).</summary>
    public List<(int Line, int First)> Repeats { get; } = [];

    /// <summary>Distinct paths listed.</summary>
    public int DistinctPaths => Count - Repeats.Count;

    public BundleReaderManifestLine this[int index] =>
        new(_lineNumbers[index], Convert.ToHexStringLower(DigestAt(index)), PathAt(index));

    /// <summary>Adds one parsed line.</summary>
    public void Add(BundleReaderManifestLine line)
    {
        if (Count == _pathRefs.Length)
        {
            var grown = Math.Max(16, Count * 2);
            Array.Resize(ref _pathRefs, grown);
            Array.Resize(ref _lineNumbers, grown);
            Array.Resize(ref _digests, grown * _digestBytes);
        }
        var index = Count;
        var entry = _snapshot?.IndexOf(line.Path) ?? -1;
        if (entry >= 0)
        {
            _pathRefs[index] = entry;
            if (_firstLineOfEntry[entry] != 0)
            {
                AddRepeat(index, _firstLineOfEntry[entry] - 1, entry);
            }
            else
            {
                _firstLineOfEntry[entry] = index + 1;
            }
        }
        else if (_firstLineOfOther.TryGetValue(line.Path, out var first))
        {
            _pathRefs[index] = _pathRefs[first];
            Repeats.Add((index, first));
        }
        else
        {
            _firstLineOfOther[line.Path] = index;
            _pathRefs[index] = ~_otherPaths.Count;
            _otherPaths.Add(line.Path);
        }
        _lineNumbers[index] = checked((int)line.Line);
        Convert.FromHexString(line.Hash, _digests.AsSpan(index * _digestBytes, _digestBytes), out _, out _);
        Count++;
    }

    /// <summary>The snapshot entry line <paramref name="index"/> names, or -1 when the walk did not list its path.</summary>
    public int EntryAt(int index) => _pathRefs[index] >= 0 ? _pathRefs[index] : -1;

    public string PathAt(int index) => _pathRefs[index] >= 0 ? _snapshot!.PathAt(_pathRefs[index]) : _otherPaths[~_pathRefs[index]];

    public long LineNumberAt(int index) => _lineNumbers[index];

    public ReadOnlySpan<byte> DigestAt(int index) => _digests.AsSpan(index * _digestBytes, _digestBytes);

    /// <summary>The first line that lists entry <paramref name="entry"/>, or -1.</summary>
    public int FirstLineOfEntry(int entry) => _firstLineOfEntry.Length > entry ? _firstLineOfEntry[entry] - 1 : -1;

    /// <summary>The first line that lists <paramref name="path"/>, or -1.</summary>
    public int FirstLineOf(string path) => _snapshot?.IndexOf(path) is >= 0 and var entry
        ? FirstLineOfEntry(entry)
        : _firstLineOfOther.GetValueOrDefault(path, -1);

    /// <summary>Every line that lists entry <paramref name="entry"/>: the first, then any repeats.</summary>
    public IEnumerable<int> LinesOfEntry(int entry)
    {
        var first = FirstLineOfEntry(entry);
        if (first < 0)
        {
            yield break;
        }
        yield return first;
        if (_repeatsOfEntry.TryGetValue(entry, out var repeats))
        {
            foreach (var line in repeats)
            {
                yield return line;
            }
        }
    }

    /// <summary>True when entry <paramref name="entry"/> is listed more than once (see <see cref="LinesOfEntry"/>).</summary>
    public bool IsRepeated(int entry) => _repeatsOfEntry.ContainsKey(entry);

    public IEnumerator<BundleReaderManifestLine> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void AddRepeat(int index, int first, int entry)
    {
        Repeats.Add((index, first));
        if (!_repeatsOfEntry.TryGetValue(entry, out var list))
        {
            _repeatsOfEntry[entry] = list = [];
        }
        list.Add(index);
    }
}
