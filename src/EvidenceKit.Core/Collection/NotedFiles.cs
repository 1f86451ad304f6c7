using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// The collected files that carry notes ("grew-during-copy", "copied again on resume"), for the run's summary: at most
/// <see cref="MaxFiles"/> of them, so a million noted files do not grow the collector's memory. Every note is also in
/// the records file and the log.
/// </summary>
internal sealed class NotedFiles
{
    /// <summary>The most noted records kept for the summary.</summary>
    public const int MaxFiles = 1000;

    private readonly List<FileRecord> _files = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<FileRecord> Files
    {
        get
        {
            lock (_gate)
            {
                return [.. _files];
            }
        }
    }

    public void Add(FileRecord record)
    {
        if (record.Notes.Count == 0)
        {
            return;
        }
        lock (_gate)
        {
            if (_files.Count < MaxFiles)
            {
                _files.Add(record);
            }
        }
    }
}
