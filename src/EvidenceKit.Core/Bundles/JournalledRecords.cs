using System.Text.Json;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>
/// The records a run finished, kept as a 128-bit fingerprint of each journal line (16 bytes a file, not the record),
/// and read back from the journal when the bundle is sealed. Only lines this run wrote are taken, each once: a line the
/// target's holder added or altered matches no fingerprint and is left out, and a line missing from the journal stops
/// the seal (<see cref="IOException"/>), so the sealed records are exactly the ones this run finished.
/// </summary>
/// <param name="store">The target.</param>
/// <param name="bundleDir">The partial bundle whose journal holds the lines.</param>
/// <param name="capacity">How many records the run may finish (the plan's file count): room for them is taken at once,
/// so the array never sits beside a twice larger one while it grows, and the seal sorts it where it lies.</param>
public sealed class JournalledRecords(ITargetStore store, string bundleDir, int capacity = 0)
{
    private UInt128[] _fingerprints = new UInt128[capacity];
    private int _count;
    private readonly Lock _gate = new();

    /// <summary>Records finished so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Remembers a record as written to the journal (the same bytes <see cref="BundleJournal.Append"/> writes).</summary>
    public void Add(FileRecord record) => AddLine(FileRecordLines.ToLine(record));

    /// <summary>Remembers a record by the journal line written for it (LF included).</summary>
    public void AddLine(byte[] line)
    {
        var fingerprint = FileRecordLines.Fingerprint(line.AsSpan(0, line.Length - 1));
        lock (_gate)
        {
            if (_count == _fingerprints.Length)
            {
                Array.Resize(ref _fingerprints, Math.Max(16, _count * 2));
            }
            _fingerprints[_count++] = fingerprint;
        }
    }

    /// <summary>Streams the finished records' lines from the journal, byte for byte, in the order they finished.</summary>
    /// <exception cref="IOException">The journal lost a record this run wrote, or is not a regular file.</exception>
    public IEnumerable<RecordLine> Read()
    {
        UInt128[] expected;
        int count;
        lock (_gate)
        {
            // Sorted where they lie, not copied (the order they finished in is not needed again).
            expected = _fingerprints;
            count = _count;
            expected.AsSpan(0, count).Sort();
        }
        var taken = new bool[count];
        var found = 0;
        var path = bundleDir + "/" + BundleLayout.Journal;
        if (count > 0)
        {
            Stream stream;
            try
            {
                stream = store.OpenRead(path);
            }
            catch (UnsafeTargetEntryException e)
            {
                throw new IOException($"{BundleLayout.Journal} is not a regular file any more: {e.Message}", e);
            }
            using (stream)
            {
                foreach (var line in BoundedTargetReads.ReadLines(stream, BoundedTargetReads.MaxJournalLineBytes))
                {
                    var at = Array.BinarySearch(expected, 0, count, FileRecordLines.Fingerprint(line));
                    if (line.Length == 0 || at < 0 || taken[at])
                    {
                        continue;
                    }
                    RecordLine record;
                    try
                    {
                        record = RecordLine.FromOwnLine(line);
                    }
                    catch (JsonException)
                    {
                        continue;
                    }
                    taken[at] = true;
                    found++;
                    yield return record;
                }
            }
        }
        if (found != count)
        {
            throw new IOException($"{BundleLayout.Journal} on the target lost {count - found} of the {count} records this run wrote; " +
                "the bundle is not sealed from it");
        }
    }
}
