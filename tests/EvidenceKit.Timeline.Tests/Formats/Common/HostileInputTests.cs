using System.Text;
using EvidenceKit.Timeline.Parsing;
using EvidenceKit.Timeline.Tests.Formats.Support;

namespace EvidenceKit.Timeline.Tests.Formats.Common;

/// <summary>Every service parser fed what an attacker controlling the log could write: it reports, it never throws, it stays bounded.</summary>
public sealed class HostileInputTests
{
    private const string Escape = "\u001b]0;owned\u0007\u001b[2J";

    public static TheoryData<string> Parsers()
    {
        var names = new TheoryData<string>();
        foreach (var parser in ServiceParsers.All)
        {
            names.Add(parser.Name);
        }
        return names;
    }

    public static TheoryData<string> TextParsers()
    {
        var names = new TheoryData<string>();
        foreach (var parser in ServiceParsers.All.Where(p => !IsBinary(p.Name)))
        {
            names.Add(parser.Name);
        }
        return names;
    }

    private static ILogParser Parser(string name) => ServiceParsers.All.Single(p => p.Name == name);

    private static bool IsBinary(string name) => name is "journald" or "wtmp" or "btmp";

    [Fact]
    public void Every_parser_has_a_unique_stable_name()
    {
        ServiceParsers.All.Select(p => p.Name).Should().OnlyHaveUniqueItems().And.HaveCount(18);
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void Binary_garbage_is_reported_and_never_escapes_parse(string name)
    {
        var garbage = new byte[256 * 1024];
        new Random(name.Length).NextBytes(garbage);

        var sink = ParserHarness.Run(Parser(name), "garbage.log", garbage);

        sink.Unparsed.Should().NotBeEmpty();
        sink.Unparsed.Should().OnlyContain(u => u.Original.Length <= 1024 * 1024);
    }

    [Theory]
    [MemberData(nameof(TextParsers))]
    public void A_huge_line_is_cut_at_the_cap_and_the_line_after_it_is_still_read(string name)
    {
        var huge = new string('A', 8 * 1024 * 1024);
        var text = huge + "\n" + Escape + " after the huge line\n";

        var sink = ParserHarness.Run(Parser(name), "huge.log", text);

        sink.Unparsed.Should().HaveCount(2);
        sink.Unparsed[0].Position.Should().Be(1);
        sink.Unparsed[0].Original.Length.Should().BeLessThanOrEqualTo(1024 * 1024);
        sink.Unparsed[1].Should().Be((2L, Escape + " after the huge line"), "escape sequences are kept as data in the original");
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void A_stream_that_fails_midway_ends_the_file_with_an_unparsed_record_not_an_exception(string name)
    {
        var parser = Parser(name);
        var sink = new CollectingSink();
        var head = Encoding.UTF8.GetBytes("first line\n");
        var sample = ParserHarness.Sample("broken.log", head);

        parser.Parse(new LogSource(new FailingStream(head), sample, ParserHarness.Clock()), sink, CancellationToken.None);

        sink.Unparsed.Should().Contain(u => u.Original.Contains("corrupt compressed stream"));
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void An_empty_file_yields_nothing_and_no_error(string name)
    {
        var sink = ParserHarness.Run(Parser(name), "empty.log", []);

        sink.Events.Should().BeEmpty();
        if (name != "journald")
        {
            sink.Unparsed.Should().BeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void Fits_never_throws_on_garbage_and_does_not_claim_it_by_content(string name)
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        Parser(name).Fits(new LogSample("x.bin", "/srv/x.bin", garbage)).Should().BeLessThan(50);
    }

    /// <summary>A decompressing stream that hits corrupt input: the real-world fault the pipeline hands parsers, produced on demand.</summary>
    private sealed class FailingStream(byte[] head) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= head.Length)
            {
                throw new InvalidDataException("corrupt compressed stream");
            }
            var n = Math.Min(count, head.Length - _position);
            Array.Copy(head, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
