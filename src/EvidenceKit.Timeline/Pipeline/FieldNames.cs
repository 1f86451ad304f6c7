namespace EvidenceKit.Timeline.Pipeline;

/// <summary>The parsed-field names seen in a run (for the CSV header), at most <see cref="Max"/>; thread-safe.</summary>
internal sealed class FieldNames
{
    /// <summary>The most distinct names given their own CSV column; further names go to <c>other_fields</c>.</summary>
    public const int Max = 256;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public void Add(IEnumerable<TimelineEvent> events)
    {
        lock (_names)
        {
            foreach (var e in events)
            {
                foreach (var (name, _) in e.Fields)
                {
                    if (_names.Count < Max || _names.Contains(name))
                    {
                        _names.Add(name);
                    }
                }
            }
        }
    }

    /// <summary>The names, sorted.</summary>
    public IReadOnlyList<string> Sorted()
    {
        lock (_names)
        {
            return _names.Order(StringComparer.Ordinal).ToList();
        }
    }
}
