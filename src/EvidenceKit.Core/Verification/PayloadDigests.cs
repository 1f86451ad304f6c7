using System.Collections.Concurrent;
using EvidenceKit.Core.Verification.Checks;
using EvidenceKit.Core.Verification.Records;

namespace EvidenceKit.Core.Verification;

/// <summary>
/// What hashing the payload found, kept compactly: one byte per manifest line (the digest differs) and one per entry
/// (it could not be read), with the words of at most <see cref="CappedFindings.Max"/> of each. A good file leaves
/// nothing behind but its bytes in the totals.
/// </summary>
internal sealed class PayloadDigests
{
    private readonly byte[][] _mismatch;
    private readonly byte[] _failed;
    private readonly ConcurrentDictionary<(int Manifest, int Line), string> _actual = new();
    private readonly ConcurrentDictionary<int, string> _errors = new();
    private long _files;
    private long _bytes;

    public PayloadDigests(IReadOnlyList<ManifestFile> manifests, int entrySlots)
    {
        _mismatch = manifests.Select(m => new byte[m.Lines.Count]).ToArray();
        _failed = new byte[entrySlots];
    }

    /// <summary>No payload hashed (the hashing step has not run).</summary>
    public static PayloadDigests None { get; } = new([], 0);

    public long Files => Interlocked.Read(ref _files);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Hashed(long bytes)
    {
        Interlocked.Increment(ref _files);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void Mismatch(int manifest, int line, string actual)
    {
        _mismatch[manifest][line] = 1;
        if (_actual.Count < CappedFindings.Max)
        {
            _actual.TryAdd((manifest, line), actual);
        }
    }

    public void Failed(int entry, string error)
    {
        _failed[entry] = 1;
        if (_errors.Count < CappedFindings.Max)
        {
            _errors.TryAdd(entry, error);
        }
    }

    /// <summary>True when line <paramref name="line"/> of manifest <paramref name="manifest"/> has a digest the file does not.</summary>
    public bool IsMismatch(int manifest, int line) => manifest < _mismatch.Length && _mismatch[manifest][line] != 0;

    /// <summary>The file's actual digest for a mismatching line, when it was kept.</summary>
    public string? Actual(int manifest, int line) => _actual.GetValueOrDefault((manifest, line));

    /// <summary>Why entry <paramref name="entry"/> could not be hashed, or null when it was (or was not asked for).</summary>
    public string? Error(int entry) => entry >= 0 && entry < _failed.Length && _failed[entry] != 0
        ? _errors.GetValueOrDefault(entry, "could not be read (one of many such files; the first are named)")
        : null;
}
