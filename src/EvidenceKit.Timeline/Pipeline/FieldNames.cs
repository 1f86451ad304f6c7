namespace EvidenceKit.Timeline.Pipeline;

/// <summary>The parsed-field names seen in a run (for the CSV header), at most <see cref="Max"/>; thread-safe.</summary>
internal sealed class FieldNames
{
    /// <summary>The most distinct names given their own CSV column; further names go to <c>other_fields</c>.</summary>
    public const int Max = 256;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private KeyValuePair<string, string>[] _previous = [];

    public void Add(IEnumerable<TimelineEvent> events)
    {
        lock (_names)
        {
            foreach (var e in events)
            {
                var fields = e.Fields;
                for (var i = 0; i < fields.Length; i++)
                {
                    var name = fields[i].Key;
                    // The same name object at the same place on the previous event was already counted (or refused: the
                    // set only grows), so the events of one parser skip the hash lookups.
                    if (i < _previous.Length && ReferenceEquals(_previous[i].Key, name))
                    {
                        continue;
                    }
                    if (_names.Count < Max || _names.Contains(name))
                    {
                        _names.Add(name);
                    }
                }
                _previous = fields;
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
