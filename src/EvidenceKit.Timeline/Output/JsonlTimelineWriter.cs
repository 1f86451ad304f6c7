using System.Text.Encodings.Web;
using System.Text.Json;
using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Output;

/// <summary>
/// One JSON object a line (Timesketch's JSONL import): the fixed fields, then the parsed fields. JSON escaping keeps
/// every control character, quote and line break inside the string, so a hostile line stays one row; bidirectional
/// controls are escaped too.
/// </summary>
internal sealed class JsonlTimelineWriter : ITimelineWriter
{
    private static readonly JavaScriptEncoder Encoder = EvidenceJsonEncoder.Instance;
    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;

    public JsonlTimelineWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = Encoder, Indented = false, SkipValidation = false });
    }

    public void Write(TimelineEvent e, EvidenceFile file)
    {
        var values = TimelineRow.Fixed(e, file);
        _json.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            var name = TimelineFieldNames.Fixed[i];
            if (values[i] is not { } value)
            {
                continue;
            }
            if (name is "timestamp" or "line" or "offset")
            {
                _json.WriteNumber(name, long.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                _json.WriteString(name, Json(value));
            }
        }
        foreach (var (key, value) in e.Fields)
        {
            _json.WriteString(Json(TimelineFieldNames.Parsed(key)), Json(value));
        }
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _output.WriteByte((byte)'\n');
    }

    private static string Json(string text) => SafeText.WellFormed(text);

    public void Dispose()
    {
        _json.Dispose();
        _output.Flush();
    }
}
