using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>
/// <see cref="BoundedTargetReads.ReadLines"/> (journal lines read back) against the plain byte-at-a-time meaning it must
/// keep: split at '\n', a final line without one still a line, and the first line longer than the cap ends the
/// sequence there, whatever chunks the stream hands out.
/// </summary>
public sealed class BoundedTargetReadsLinesTests
{
    [Theory]
    [InlineData("", 8)]
    [InlineData("\n", 8)]
    [InlineData("a\nbb\n\nccc", 8)]
    [InlineData("12345678\n12345678", 8)]
    [InlineData("12345678\n123456789\nafter", 8)]
    [InlineData("123456789", 8)]
    [InlineData("ok\n\n\n123456789\nnever", 8)]
    public void Lines_are_those_of_the_plain_reading(string text, int cap)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        foreach (var chunk in new[] { 1, 2, 3, 7, 64 * 1024 })
        {
            Read(bytes, cap, chunk).Should().BeEquivalentTo(Plain(bytes, cap), o => o.WithStrictOrdering(), $"chunks of {chunk}");
        }
    }

    [Fact]
    public void Random_inputs_across_buffer_boundaries_read_as_the_plain_reading()
    {
        var random = new Random(13);
        for (var round = 0; round < 200; round++)
        {
            var bytes = new byte[random.Next(0, 300_000)];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = random.Next(40) == 0 ? (byte)'\n' : (byte)random.Next(256);
            }
            var cap = random.Next(1, 200);
            var chunk = random.Next(1, 100_000);
            Read(bytes, cap, chunk).Should().BeEquivalentTo(Plain(bytes, cap), o => o.WithStrictOrdering(), $"round {round}");
        }
    }

    [Fact]
    public void A_line_longer_than_the_cap_is_never_held_whole()
    {
        var endless = new byte[10 * 1024 * 1024];
        Read(endless, 1024, 64 * 1024).Should().BeEmpty("an overlong line ends the sequence without being returned");
    }

    private static List<byte[]> Read(byte[] bytes, int cap, int chunk) =>
        BoundedTargetReads.ReadLines(new ChunkedStream(bytes, chunk), cap).ToList();

    /// <summary>The reference: one byte at a time.</summary>
    private static List<byte[]> Plain(byte[] bytes, int cap)
    {
        var lines = new List<byte[]>();
        var line = new List<byte>();
        foreach (var b in bytes)
        {
            if (b == (byte)'\n')
            {
                lines.Add([.. line]);
                line.Clear();
            }
            else if (line.Count >= cap)
            {
                return lines;
            }
            else
            {
                line.Add(b);
            }
        }
        if (line.Count > 0)
        {
            lines.Add([.. line]);
        }
        return lines;
    }

    /// <summary>A stream that hands out at most <c>chunk</c> bytes a read.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
