using System.Collections;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// The files a run starts with as finished (none on a first run; the proven copies on a resume), compact: one bit per
/// planned file, their count and bytes, and what the seal needs of their records (the journal line's fingerprint, a
/// noted record for the summary), never the records themselves.
/// </summary>
internal sealed class ResumedFiles
{
    private readonly BitArray _done;

    /// <summary>None yet, for a plan of <paramref name="planned"/> files whose journal is in <paramref name="partial"/>.</summary>
    public ResumedFiles(ITargetStore store, string partial, int planned)
    {
        _done = new BitArray(planned);
        Records = new JournalledRecords(store, partial, planned);
    }

    /// <summary>The finished records (the ones named here, and those the run adds), by the fingerprint of their journal line.</summary>
    public JournalledRecords Records { get; }

    /// <summary>Finished records that carry notes, for the summary.</summary>
    public NotedFiles Noted { get; } = new();

    /// <summary>Files named here.</summary>
    public int Count { get; private set; }

    /// <summary>Their bytes.</summary>
    public long Bytes { get; private set; }

    /// <summary>True when planned file <paramref name="index"/> is finished already.</summary>
    public bool IsDone(int index) => _done[index];

    /// <summary>Takes planned file <paramref name="index"/> as finished, by its record and the journal line written for it.</summary>
    public void Add(int index, FileRecord record, byte[] line)
    {
        if (_done[index])
        {
            throw new InvalidOperationException($"{record.Id} is already finished");
        }
        _done[index] = true;
        Records.AddLine(line);
        Noted.Add(record);
        Count++;
        Bytes += record.Size;
    }
}
