namespace EvidenceKit.Timeline.Parsing;

/// <summary>
/// Short texts that repeat from event to event (a field name, a status, a method, a protocol, a client address) made
/// into a string once and handed out again, instead of a new string per event. At most <see cref="MaxKept"/> are kept,
/// so distinct texts (random sizes, a hostile flood of names) cost a lookup, never unbounded memory. Not thread-safe:
/// one per reading loop.
/// </summary>
internal sealed class SharedStrings
{
    /// <summary>The most distinct strings kept.</summary>
    public const int MaxKept = 4096;

    /// <summary>Texts longer than this are always made anew (rarely repeated, and costly to hash).</summary>
    public const int MaxChars = 24;

    private readonly Dictionary<string, string> _kept = new(StringComparer.Ordinal);

    /// <summary><paramref name="text"/> as a string, the one kept when it was seen before.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxChars || text.IsEmpty)
        {
            return text.ToString();
        }
        if (_kept.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var kept))
        {
            return kept;
        }
        var made = text.ToString();
        if (_kept.Count < MaxKept)
        {
            _kept[made] = made;
        }
        return made;
    }
}
