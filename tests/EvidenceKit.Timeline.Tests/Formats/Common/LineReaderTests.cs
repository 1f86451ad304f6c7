using System.Text;
using EvidenceKit.Timeline.Formats.Common;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Common;

public sealed class LineReaderTests
{
    private static List<LogLine> ReadAll(byte[] bytes, int cap = LineReader.DefaultMaxLineBytes)
    {
        var reader = new LineReader(new ForwardOnlyStream(new MemoryStream(bytes)), cap);
        var lines = new List<LogLine>();
        while (reader.TryRead(out var line))
        {
            lines.Add(line);
        }
        return lines;
    }

    [Fact]
    public void Lines_are_numbered_from_one_with_crlf_and_a_missing_final_newline_handled()
    {
        var lines = ReadAll(Encoding.UTF8.GetBytes("a\r\n\nb\nlast"));

        lines.Should().Equal(new LogLine(1, "a", false), new LogLine(2, "", false), new LogLine(3, "b", false), new LogLine(4, "last", false));
    }

    [Fact]
    public void An_endless_line_keeps_only_the_cap_and_the_next_line_is_still_read()
    {
        var huge = new byte[5 * 1024 * 1024];
        huge.AsSpan().Fill((byte)'A');
        var bytes = huge.Concat("\nnext\n"u8.ToArray()).ToArray();

        var lines = ReadAll(bytes, cap: 1000);

        lines.Should().HaveCount(2);
        lines[0].Truncated.Should().BeTrue();
        lines[0].Text.Should().HaveLength(1000);
        lines[1].Should().Be(new LogLine(2, "next", false));
    }

    [Fact]
    public void Invalid_utf8_becomes_replacement_characters_and_nul_bytes_stay()
    {
        var lines = ReadAll([0xFF, 0x00, (byte)'x', 0xC3, (byte)'\n']);

        lines.Should().ContainSingle().Which.Text.Should().Be("\uFFFD\0x\uFFFD");
    }
}
