using System.Diagnostics.CodeAnalysis;

namespace EvidenceKit.Timeline.Parsing;

/// <summary>
/// A few parsed fields held as one array kept sorted by name (ordinal), with no hash table: the form a hot parser
/// builds per line, and the order the timeline writes fields in, so nothing is sorted again downstream. A name added
/// twice keeps its last value.
/// </summary>
internal sealed class FieldList : IReadOnlyDictionary<string, string>
{
    private KeyValuePair<string, string>[] _items;
    private int _count;

    /// <summary>An empty list with room for <paramref name="capacity"/> fields before it grows.</summary>
    public FieldList(int capacity = 8) => _items = new KeyValuePair<string, string>[Math.Max(capacity, 1)];

    /// <inheritdoc />
    public int Count => _count;

    /// <summary>The fields, sorted by name.</summary>
    public ReadOnlySpan<KeyValuePair<string, string>> Sorted => _items.AsSpan(0, _count);

    /// <inheritdoc />
    public IEnumerable<string> Keys => Sorted.ToArray().Select(p => p.Key);

    /// <inheritdoc />
    public IEnumerable<string> Values => Sorted.ToArray().Select(p => p.Value);

    /// <inheritdoc />
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No field named '{key}'.");

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, keeping the names sorted.</summary>
    public void Set(string name, string value)
    {
        if (_count < _items.Length && (_count == 0 || string.CompareOrdinal(_items[_count - 1].Key, name) < 0))
        {
            // Names set in order (as the hot parsers do) are appended without a search.
            _items[_count++] = new(name, value);
            return;
        }
        var at = 0;
        while (at < _count && string.CompareOrdinal(_items[at].Key, name) < 0)
        {
            at++;
        }
        if (at < _count && _items[at].Key == name)
        {
            _items[at] = new(name, value);
            return;
        }
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        Array.Copy(_items, at, _items, at + 1, _count - at);
        _items[at] = new(name, value);
        _count++;
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var at = IndexOf(key);
        value = at >= 0 ? _items[at].Value : null;
        return at >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Key == key)
            {
                return i;
            }
        }
        return -1;
    }
}
