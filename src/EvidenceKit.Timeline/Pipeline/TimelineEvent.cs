namespace EvidenceKit.Timeline.Pipeline;

/// <summary>One event of the timeline as sorted and spilled: the parser's event plus the file it came from (by ordinal).</summary>
internal sealed class TimelineEvent
{
    /// <summary>UTC ticks (after clock correction when asked).</summary>
    public required long Ticks { get; init; }

    public required int FileOrdinal { get; init; }

    /// <summary>The order of this event among its file's events (ties in time keep file order).</summary>
    public required long Sequence { get; init; }

    public required long Position { get; init; }

    public required bool PositionIsOffset { get; init; }

    /// <summary>True for a line no parser could read (kept with --include-unparsed).</summary>
    public required bool Unparsed { get; init; }

    public required string TimestampDescription { get; init; }

    public required string Message { get; init; }

    public required string Original { get; init; }

    public string? TimeNote { get; init; }

    /// <summary>The parsed fields, sorted by name (an array: read per event by the tallies, the sorter and the writers).</summary>
    public required KeyValuePair<string, string>[] Fields { get; init; }

    /// <summary>The timeline's order: time, then file, then position in the file.</summary>
    public static int Compare(TimelineEvent? a, TimelineEvent? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }
        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }
        var byTime = a.Ticks.CompareTo(b.Ticks);
        if (byTime != 0)
        {
            return byTime;
        }
        var byFile = a.FileOrdinal.CompareTo(b.FileOrdinal);
        return byFile != 0 ? byFile : a.Sequence.CompareTo(b.Sequence);
    }
}
