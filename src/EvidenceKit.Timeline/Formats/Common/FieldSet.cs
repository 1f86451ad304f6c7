namespace EvidenceKit.Timeline.Formats.Common;

/// <summary>Builds an event's fields, leaving out names whose value is missing or empty (or <c>-</c>, the web logs' "none").</summary>
internal sealed class FieldSet
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="name"/> when <paramref name="value"/> says something.</summary>
    public FieldSet Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value) && value != "-")
        {
            _fields[name] = value;
        }
        return this;
    }

    /// <summary>Adds a number.</summary>
    public FieldSet Add(string name, long? value) =>
        value is null ? this : Add(name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The fields built so far.</summary>
    public IReadOnlyDictionary<string, string> Build() => _fields;
}
