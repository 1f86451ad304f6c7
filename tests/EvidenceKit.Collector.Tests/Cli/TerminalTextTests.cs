using EvidenceKit.Cli;

namespace EvidenceKit.Collector.Tests.Cli;

/// <summary>What a hostile string looks like once escaped for a terminal.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b]0;pwned\u0007", @"\x1b]0;pwned\x07")]
    [InlineData("\u001b[2K\u001b[1A", @"\x1b[2K\x1b[1A")]
    [InlineData("a\nb\rc\td", @"a\nb\rc\td")]
    [InlineData("\u007f\u0080\u009b\u009f", @"\x7f\x80\x9b\x9f")]
    [InlineData("\u202aX\u202eY\u2066Z\u2069\u200e\u200f\u061c", @"\u202aX\u202eY\u2066Z\u2069\u200e\u200f\u061c")]
    [InlineData("line\u2028para\u2029", @"line\u2028para\u2029")]
    public void Control_and_reordering_characters_become_visible_escapes(string raw, string shown)
    {
        TerminalText.Escape(raw).Should().Be(shown);
    }

    [Fact]
    public void A_lone_surrogate_is_escaped_and_a_pair_is_kept()
    {
        // Built in code: an attribute argument cannot hold a lone surrogate.
        TerminalText.Escape("lone " + '\ud800' + " high").Should().Be(@"lone \ud800 high");
        TerminalText.Escape("lone " + '\udc00' + " low").Should().Be(@"lone \udc00 low");
        TerminalText.Escape("end " + '\ud800').Should().Be(@"end \ud800");
        TerminalText.Escape("\udc00\ud800").Should().Be(@"\udc00\ud800");
        TerminalText.Escape("pair 😀").Should().Be("pair 😀");
    }

    [Theory]
    [InlineData("/var/log/nginx/access.log")]
    [InlineData("évidence – ünïcödé 日本語 😀")]
    [InlineData(@"C:\already\x1b escaped")]
    public void Printable_text_pairs_and_backslashes_pass_unchanged(string text)
    {
        TerminalText.Escape(text).Should().BeSameAs(text);
    }

    [Fact]
    public void Escaping_twice_changes_nothing_more()
    {
        var once = TerminalText.Escape("a\u001b[31m\u202e\ud800\n");

        TerminalText.Escape(once).Should().Be(once);
    }

    [Fact]
    public void Newlines_can_be_kept_for_layout_while_everything_else_is_escaped()
    {
        TerminalText.EscapeKeepingNewlines("one\ntwo\u001b[2K\r").Should().Be("one\ntwo\\x1b[2K\\r");
    }
}
