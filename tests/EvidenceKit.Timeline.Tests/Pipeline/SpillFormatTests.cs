using System.Text;
using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Tests.Pipeline;

/// <summary>
/// The spill format round trip: <see cref="SpillWriter"/> writes the bytes <see cref="BinaryWriter"/> writes, and
/// <see cref="SpillReader"/> reads every string back exactly (long, non-ASCII, at the 7-bit length boundaries), sharing
/// short repeated strings without ever returning a wrong one.
/// </summary>
public sealed class SpillFormatTests
{
    private static readonly string[] Texts =
    [
        "", "a", "GET", "HTTP/1.1", new string('x', 24), new string('y', 25), new string('z', 127), new string('q', 128),
        new string('w', 16383), new string('v', 16384), "caf\u00e9 \u202e \U0001F600 \u0000 \u001b[31m", "\"quoted\" \\ back\\slash",
        new string('\u00e9', 12), new string('\u00e9', 13), "lone \ud800 surrogate",
    ];

    [Fact]
    public void An_event_is_written_as_BinaryWriter_writes_it()
    {
        foreach (var text in Texts)
        {
            var e = Event(text, 7);
            var expected = new MemoryStream();
            using (var writer = new BinaryWriter(expected, new UTF8Encoding(false), leaveOpen: true))
            {
                WriteAsBinaryWriter(writer, e);
            }
            var spill = new SpillWriter();
            SpillFormat.Write(spill, e);

            spill.Written.ToArray().Should().Equal(expected.ToArray(), $"for a text of {text.Length} characters");
        }
    }

    [Fact]
    public void Events_read_back_are_the_events_written_with_a_lone_surrogate_as_U_FFFD()
    {
        var spill = new SpillWriter();
        var stream = new MemoryStream();
        for (var i = 0; i < Texts.Length; i++)
        {
            spill.Clear();
            SpillFormat.Write(spill, Event(Texts[i], i));
            stream.Write(spill.Written);
        }
        stream.Position = 0;
        using var reader = new SpillReader(stream, new SpillStrings());

        for (var i = 0; i < Texts.Length; i++)
        {
            var expected = Texts[i].Replace("\ud800", "\ufffd", StringComparison.Ordinal);
            var e = SpillFormat.Read(reader);
            e.Sequence.Should().Be(i);
            e.Message.Should().Be(expected);
            e.Original.Should().Be(expected + "!");
            e.TimeNote.Should().Be(expected);
            e.Fields.Should().Equal(new KeyValuePair<string, string>("name", expected), new KeyValuePair<string, string>(expected + "k", "v"));
        }
        stream.Position.Should().Be(stream.Length);
    }

    [Fact]
    public void Short_strings_repeated_across_events_are_one_string_and_distinct_ones_past_the_cap_still_read_exactly()
    {
        var spill = new SpillWriter();
        var stream = new MemoryStream();
        var count = SpillStrings.MaxShared + 500;
        for (var i = 0; i < count; i++)
        {
            spill.Clear();
            SpillFormat.Write(spill, Event("v" + i, i));
            stream.Write(spill.Written);
        }
        stream.Position = 0;
        using var reader = new SpillReader(stream, new SpillStrings());

        var first = SpillFormat.Read(reader);
        for (var i = 1; i < count; i++)
        {
            var e = SpillFormat.Read(reader);
            e.Message.Should().Be("v" + i);
            e.Fields[1].Key.Should().Be("v" + i + "k");
            ReferenceEquals(e.Fields[0].Key, first.Fields[0].Key).Should().BeTrue("the name repeats on every event");
        }
    }

    [Fact]
    public void A_truncated_run_is_an_error_not_a_short_string()
    {
        var spill = new SpillWriter();
        SpillFormat.Write(spill, Event(new string('x', 300), 1));
        var cut = spill.Written[..(spill.Written.Length - 10)].ToArray();
        using var reader = new SpillReader(new MemoryStream(cut), new SpillStrings());

        var read = () => SpillFormat.Read(reader);

        read.Should().Throw<EndOfStreamException>();
    }

    private static TimelineEvent Event(string text, long sequence) => new()
    {
        Ticks = 638_000_000_000_000_000 + sequence,
        FileOrdinal = 3,
        Sequence = sequence,
        Position = sequence * 10,
        PositionIsOffset = sequence % 2 == 0,
        Unparsed = false,
        TimestampDescription = "Request Time",
        Message = text,
        Original = text + "!",
        TimeNote = text,
        Fields = [new("name", text), new(text + "k", "v")],
    };

    /// <summary>The layout the spill format had when it was written by BinaryWriter (the reference).</summary>
    private static void WriteAsBinaryWriter(BinaryWriter writer, TimelineEvent e)
    {
        writer.Write(e.Ticks);
        writer.Write(e.FileOrdinal);
        writer.Write(e.Sequence);
        writer.Write(e.Position);
        writer.Write((byte)((e.PositionIsOffset ? 1 : 0) | (e.Unparsed ? 2 : 0) | (e.TimeNote is null ? 0 : 4)));
        writer.Write(e.TimestampDescription);
        writer.Write(e.Message);
        writer.Write(e.Original);
        writer.Write(e.TimeNote!);
        writer.Write(e.Fields.Length);
        foreach (var (key, value) in e.Fields)
        {
            writer.Write(key);
            writer.Write(value);
        }
    }
}
