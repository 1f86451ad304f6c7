using EvidenceKit.Cli;
using EvidenceKit.Core.Verification;
using Spectre.Console;

namespace EvidenceKit.Verifier.Output;

/// <summary>
/// The report as a table, when a person is watching a terminal. Spectre writes through <see cref="TerminalConsole"/>,
/// which escapes every rendered text; cells are built from escaped text so that columns are measured on what is shown.
/// </summary>
internal static class TableReportWriter
{
    public static void Write(VerificationReport report, bool verbose, TextWriter output)
    {
        var console = TerminalConsole.Create(output);
        console.MarkupLine($"Bundle: [bold]{TerminalConsole.Markup(report.BundlePath)}[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Check").AddColumn("Result").AddColumn("Detail");
        foreach (var check in report.Checks)
        {
            var detail = TerminalConsole.Markup(check.Detail);
            if (ReportText.ShowItems(check, verbose) && check.Items.Count > 0)
            {
                detail += "\n" + string.Join("\n", ReportText.Items(check, verbose).Select(i => "[dim]- " + TerminalConsole.Markup(i) + "[/]"));
            }
            table.AddRow(new Markup(TerminalConsole.Markup(check.Name)), new Markup(Colored(check.Outcome)), new Markup(detail));
        }
        console.Write(table);
        var colour = report.Verdict switch
        {
            Verdict.Valid => "green",
            Verdict.Invalid or Verdict.Error => "red",
            _ => "yellow",
        };
        console.MarkupLine($"[bold {colour}]{TerminalConsole.Markup(ReportText.Summary(report))}[/]");
    }

    private static string Colored(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "[green]PASS[/]",
        CheckOutcome.Fail => "[red bold]FAIL[/]",
        CheckOutcome.Warn => "[yellow]WARN[/]",
        _ => "[dim]SKIP[/]",
    };
}
