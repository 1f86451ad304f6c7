using EvidenceKit.Timeline.Summary;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>A built timeline: its events in order (to be read once), the tallies, the parsed-field names seen, and every file's outcome.</summary>
internal sealed class TimelineResult(ExternalSorter sorter, TriageSummary summary, IReadOnlyList<string> fieldNames, IReadOnlyList<EvidenceFile> files)
{
    public TriageSummary Summary => summary;

    public IReadOnlyList<string> FieldNames => fieldNames;

    public IReadOnlyList<EvidenceFile> Files => files;

    /// <summary>Sorted runs spilled to disk while building.</summary>
    public int RunsSpilled => sorter.RunsSpilled;

    /// <summary>Every event in timeline order, each with its file, merged on a thread of its own a few batches ahead. Enumerate once.</summary>
    public IEnumerable<(TimelineEvent Event, EvidenceFile File)> Events() => ReadAhead.Of(sorter.Merge()).Select(e => (e, files[e.FileOrdinal]));
}
