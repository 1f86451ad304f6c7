using System.Text;
using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Output;

/// <summary>
/// CSV in Timesketch's import layout: a header of the fixed fields, then one column per parsed-field name seen (sorted;
/// names beyond <see cref="FieldNames.Max"/> go to <c>other_fields</c> as <c>name=value; ...</c>). Every cell is quoted,
/// control characters are shown as visible escapes (one row is one line), and a cell that a spreadsheet would run as a
/// formula (<c>= + - @</c> first) is prefixed with <c>'</c>.
/// </summary>
internal sealed class CsvTimelineWriter : ITimelineWriter
{
    private readonly TextWriter _writer;
    private readonly IReadOnlyList<string> _fieldNames;
    private readonly Dictionary<string, int> _column;

    public CsvTimelineWriter(Stream output, IReadOnlyList<string> fieldNames)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        _fieldNames = fieldNames;
        _column = fieldNames.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        WriteRow([.. TimelineFieldNames.Fixed, .. fieldNames.Select(TimelineFieldNames.Parsed), "other_fields"]);
    }

    public void Write(TimelineEvent e, EvidenceFile file)
    {
        var parsed = new string?[_fieldNames.Count];
        StringBuilder? other = null;
        foreach (var (key, value) in e.Fields)
        {
            if (_column.TryGetValue(key, out var index))
            {
                parsed[index] = value;
            }
            else
            {
                (other ??= new StringBuilder()).Append(other.Length > 0 ? "; " : "").Append(key).Append('=').Append(value);
            }
        }
        WriteRow([.. TimelineRow.Fixed(e, file), .. parsed, other?.ToString()]);
    }

    /// <summary>One cell as written (without the surrounding quotes' doubling).</summary>
    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var text = SafeText.OneLine(value);
        return text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;
    }

    private void WriteRow(IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                _writer.Write(',');
            }
            first = false;
            _writer.Write('"');
            _writer.Write(Cell(cell).Replace("\"", "\"\"", StringComparison.Ordinal));
            _writer.Write('"');
        }
        _writer.Write('\n');
    }

    public void Dispose() => _writer.Dispose();
}
