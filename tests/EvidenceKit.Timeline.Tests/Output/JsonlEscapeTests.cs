using System.Text;
using System.Text.Json;
using EvidenceKit.Timeline.Bundles;
using EvidenceKit.Timeline.Output;
using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Tests.Output;

/// <summary>
/// The JSONL writer escapes printable ASCII itself (a fast path) and everything else through the evidence encoder: every
/// string value it writes must be byte for byte what the encoder writes, hostile text included.
/// </summary>
public sealed class JsonlEscapeTests
{
    private static readonly string[] Hostile =
    [
        "", "plain", "\"", "\\", "a\"b\\c\"", "\\\"\\\"", "line\nbreak", "\u001b[31mred\u001b[0m", "del\u007f", "nul\u0000",
        "\u202eevil", "caf\u00e9 \"q\"", "\"q\" caf\u00e9", "\U0001F600\"", "lone \ud800\"", "\u2028\"", "<script>&'+`",
        "\"" + new string('x', 70_000) + "\\",
    ];

    [Fact]
    public void Every_printable_ASCII_character_is_written_as_the_encoder_writes_it()
    {
        for (var c = ' '; c <= '~'; c++)
        {
            var text = $"a{c}b{c}";
            Written(text).Should().Be(Expected(text), $"for {c}");
        }
    }

    [Fact]
    public void Hostile_values_are_written_as_the_encoder_writes_them_and_parse_back()
    {
        foreach (var text in Hostile)
        {
            var line = Written(text);

            line.Should().Be(Expected(text));
            using var parsed = JsonDocument.Parse(Line(text));
            parsed.RootElement.GetProperty("message").GetString().Should().Be(SafeText.WellFormed(text));
            parsed.RootElement.GetProperty("f").GetString().Should().Be(SafeText.WellFormed(text));
        }
    }

    /// <summary>The message value as the writer wrote it.</summary>
    private static string Written(string text)
    {
        var line = Line(text);
        const string start = "{\"message\":";
        line.Should().StartWith(start);
        return line[start.Length..line.IndexOf(",\"datetime\":", StringComparison.Ordinal)];
    }

    private static string Line(string text)
    {
        var output = new MemoryStream();
        using (var writer = new JsonlTimelineWriter(output))
        {
            writer.Write(Event(text), File());
        }
        var line = Encoding.UTF8.GetString(output.ToArray());
        line.Should().EndWith("\n").And.Subject.Count(c => c == '\n').Should().Be(1);
        return line.TrimEnd('\n');
    }

    private static string Expected(string text)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = EvidenceJsonEncoder.Instance }))
        {
            json.WriteStringValue(SafeText.WellFormed(text));
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static TimelineEvent Event(string text) => new()
    {
        Ticks = 638_000_000_000_000_000,
        FileOrdinal = 0,
        Sequence = 0,
        Position = 1,
        PositionIsOffset = false,
        Unparsed = false,
        TimestampDescription = "Request Time",
        Message = text,
        Original = text,
        Fields = [new("f", text)],
    };

    private static EvidenceFile File()
    {
        var record = new EvidenceRecord { EvidenceId = "E000001", BagPath = "data/a.log", SourcePath = "/var/log/a.log", Sha256 = new string('0', 64), Size = 1 };
        var facts = new BundleFacts("B1", "host", null, null, [record]);
        return new EvidenceFile(0, TimelineBundle.Create("/b", "valid", facts), record) { Parser = "test" };
    }
}
