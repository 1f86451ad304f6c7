using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Output;

/// <summary>
/// One JSON object a line (Timesketch's JSONL import): the fixed fields, then the parsed fields. JSON escaping keeps
/// every control character, quote and line break inside the string, so a hostile line stays one row; bidirectional
/// controls are escaped too. A file's provenance values are escaped once per file (<see cref="FileJson"/>), not per
/// event, and rows are gathered in memory and written to the stream in blocks.
/// </summary>
internal sealed class JsonlTimelineWriter : ITimelineWriter
{
    private const int BlockBytes = 64 * 1024;
    private const int MaxCachedNames = 1024;
    private static readonly JavaScriptEncoder Encoder = EvidenceJsonEncoder.Instance;
    private static readonly JsonEncodedText[] FixedNames = TimelineFieldNames.Fixed.Select(n => JsonEncodedText.Encode(n, Encoder)).ToArray();
    private static readonly JsonEncodedText Unparsed = JsonEncodedText.Encode("unparsed", Encoder);

    /// <summary>Printable ASCII that JSON keeps as it is (all of it but the quote and the backslash).</summary>
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(BlockBytes * 2);
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<int, FileJson> _files = [];
    private readonly Dictionary<string, JsonEncodedText> _names = new(StringComparer.Ordinal);
    private byte[] _escaped = new byte[1024];

    public JsonlTimelineWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = Encoder, Indented = false, SkipValidation = false });
    }

    public void Write(TimelineEvent e, EvidenceFile file)
    {
        if (!_files.TryGetValue(file.Ordinal, out var provenance))
        {
            _files[file.Ordinal] = provenance = new FileJson(file, Encoder);
        }
        Span<char> datetime = stackalloc char[40];
        var stamp = new DateTime(e.Ticks, DateTimeKind.Utc);
        stamp.TryFormat(datetime, out var length, "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
        _json.WriteStartObject();
        Text(FixedNames[0], e.Message);
        _json.WriteString(FixedNames[1], datetime[..length]);
        _json.WriteNumber(FixedNames[2], TimelineRow.Timestamp(e));
        Text(FixedNames[3], e.TimestampDescription);
        Put(4, provenance.Host);
        Put(5, e.Unparsed ? Unparsed : provenance.Parser);
        Put(6, provenance.BundleId);
        Put(7, provenance.EvidenceId);
        Put(8, provenance.BagPath);
        Put(9, provenance.SourcePath);
        _json.WriteNumber(FixedNames[e.PositionIsOffset ? 11 : 10], e.Position);
        Put(12, provenance.Sha256);
        Put(13, provenance.Verdict);
        Text(FixedNames[14], e.Original);
        if (e.TimeNote is { } note)
        {
            Text(FixedNames[15], note);
        }
        foreach (var (key, value) in e.Fields)
        {
            Text(Name(key), value);
        }
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        if (_buffer.WrittenCount >= BlockBytes)
        {
            Drain();
        }
    }

    /// <summary>
    /// Writes a string property. Printable ASCII (most of a log), quotes and backslashes included, is escaped here as the
    /// encoder would (<c>\"</c>, <c>\\</c>) and copied as it is; anything else (controls, non-ASCII) goes through the encoder.
    /// </summary>
    private void Text(JsonEncodedText name, string value)
    {
        if (!TryEscapeAscii(value.AsSpan(), out var length))
        {
            _json.WriteString(name, Json(value));
            return;
        }
        _json.WritePropertyName(name);
        _json.WriteRawValue(_escaped.AsSpan(0, length), skipInputValidation: true);
    }

    /// <summary>The quoted JSON string of <paramref name="text"/> in <see cref="_escaped"/>; false when a character other than a quote or backslash needs the encoder.</summary>
    private bool TryEscapeAscii(ReadOnlySpan<char> text, out int length)
    {
        length = 0;
        var at = text.IndexOfAnyExcept(Plain);
        if (_escaped.Length < text.Length * 2 + 2)
        {
            _escaped = new byte[text.Length * 2 + 2];
        }
        var output = _escaped.AsSpan();
        output[length++] = (byte)'"';
        while (at >= 0)
        {
            if (text[at] is not ('"' or '\\'))
            {
                return false;
            }
            length += System.Text.Encoding.ASCII.GetBytes(text[..at], output[length..]);
            output[length++] = (byte)'\\';
            output[length++] = (byte)text[at];
            text = text[(at + 1)..];
            at = text.IndexOfAnyExcept(Plain);
        }
        length += System.Text.Encoding.ASCII.GetBytes(text, output[length..]);
        output[length++] = (byte)'"';
        return true;
    }

    private void Put(int name, JsonEncodedText? value)
    {
        if (value is { } text)
        {
            _json.WriteString(FixedNames[name], text);
        }
    }

    private JsonEncodedText Name(string key)
    {
        if (_names.TryGetValue(key, out var name))
        {
            return name;
        }
        name = JsonEncodedText.Encode(Json(TimelineFieldNames.Parsed(key)), Encoder);
        if (_names.Count < MaxCachedNames)
        {
            _names[key] = name;
        }
        return name;
    }

    private void Drain()
    {
        _output.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    private static string Json(string text) => SafeText.WellFormed(text);

    public void Dispose()
    {
        _json.Flush();
        Drain();
        _json.Dispose();
        _output.Flush();
    }
}
