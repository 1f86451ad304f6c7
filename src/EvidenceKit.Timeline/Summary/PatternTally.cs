namespace EvidenceKit.Timeline.Summary;

/// <summary>How many requests matched one pattern, with the first few as examples.</summary>
internal sealed class PatternTally(string name)
{
    /// <summary>Examples kept per pattern.</summary>
    public const int MaxExamples = 20;

    public string Name => name;

    public long Count { get; set; }

    public List<PatternHit> Examples { get; } = [];
}
