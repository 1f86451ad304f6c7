namespace EvidenceKit.Timeline.Pipeline;

/// <summary>Where one serialized event lies in the run buffer, with the fields it is sorted by (the timeline's order).</summary>
internal readonly record struct RunKey(long Ticks, int FileOrdinal, long Sequence, int Offset, int Length)
{
    /// <summary>Time, then file, then position in the file: the order of <see cref="TimelineEvent.Compare"/>.</summary>
    public static int Compare(RunKey a, RunKey b)
    {
        var byTime = a.Ticks.CompareTo(b.Ticks);
        if (byTime != 0)
        {
            return byTime;
        }
        var byFile = a.FileOrdinal.CompareTo(b.FileOrdinal);
        return byFile != 0 ? byFile : a.Sequence.CompareTo(b.Sequence);
    }
}
