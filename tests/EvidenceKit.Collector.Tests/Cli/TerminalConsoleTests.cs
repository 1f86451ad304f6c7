using EvidenceKit.Cli;
using Spectre.Console;

namespace EvidenceKit.Collector.Tests.Cli;

/// <summary>Spectre.Console output: even a cell a caller forgot to escape cannot carry a control sequence.</summary>
public sealed class TerminalConsoleTests
{
    private const string Hostile = "\u001b]0;pwned\u0007\u001b[2K\u009b1A\u202e";

    [Fact]
    public void A_table_cell_built_from_raw_hostile_text_is_still_printed_escaped()
    {
        var output = new StringWriter();
        var console = TerminalConsole.Create(output);
        var table = new Table().AddColumn("name").AddColumn("escaped");

        table.AddRow(new Text(Hostile), TerminalConsole.Cell(Hostile));
        console.Write(table);
        console.MarkupLine($"[green]{TerminalConsole.Markup(Hostile + "[red]")}[/]");

        var text = output.ToString();
        text.Should().NotContain("\u001b").And.NotContain("\u0007").And.NotContain("\u009b").And.NotContain("\u202e");
        text.Should().Contain(@"\x1b]0;pwned\x07\x1b[2K\x9b1A\u202e[red]");
    }

    [Fact]
    public void Over_a_terminal_writer_spectre_writes_to_the_writer_underneath_so_its_own_text_is_not_escaped_twice()
    {
        var inner = new StringWriter();
        var console = TerminalConsole.Create(new TerminalWriter(inner));

        console.Write(new Text("plain " + Hostile));

        inner.ToString().Should().Be(@"plain \x1b]0;pwned\x07\x1b[2K\x9b1A\u202e");
    }
}
