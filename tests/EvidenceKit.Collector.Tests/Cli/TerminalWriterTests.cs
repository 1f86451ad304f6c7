using EvidenceKit.Cli;

namespace EvidenceKit.Collector.Tests.Cli;

/// <summary>The stdout/stderr wrapper: whatever is written, no control character but the newline comes out, and no secret.</summary>
public sealed class TerminalWriterTests
{
    private static (TerminalWriter Writer, StringWriter Inner) Make(params string[] secrets)
    {
        var inner = new StringWriter();
        return (new TerminalWriter(inner, secrets), inner);
    }

    [Fact]
    public void Every_write_path_is_escaped()
    {
        var (writer, inner) = Make();

        writer.Write('\u001b');
        writer.Write("[2K");
        writer.Write("\u001b]0;t\u0007".ToCharArray(), 0, 6);
        writer.Write("{0}", "\u009b");
        writer.WriteLine("\u202e end");
        writer.WriteLine(42);
        writer.Flush();

        inner.ToString().Should().Be("\\x1b[2K\\x1b]0;t\\x07\\x9b\\u202e end\n42\n");
    }

    [Fact]
    public void A_surrogate_pair_split_across_two_writes_is_kept_and_a_lone_one_is_escaped()
    {
        var (writer, inner) = Make();
        var emoji = "😀";

        writer.Write(emoji[0]);
        writer.Write(emoji[1]);
        writer.Write('\ud800');
        writer.Write('x');
        writer.Write('\ud801');
        writer.Flush();

        inner.ToString().Should().Be("😀\\ud800x\\ud801");
    }

    [Fact]
    public void Secrets_and_uri_passwords_are_shown_as_stars()
    {
        var (writer, inner) = Make("hunter2-long", "ab");

        writer.WriteLine("error: 'hunter2-long' and 'ab' and abc and sftp://dana:pw%40x@host/p");

        inner.ToString().Should().Be("error: '***' and '***' and abc and sftp://dana:***@host/p\n");
    }
}
