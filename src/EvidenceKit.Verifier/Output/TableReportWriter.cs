using EvidenceKit.Core.Verification;
using Spectre.Console;

namespace EvidenceKit.Verifier.Output;

/// <summary>The report as a table, when a person is watching a terminal.</summary>
internal static class TableReportWriter
{
    public static void Write(VerificationReport report, bool verbose, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        console.MarkupLine($"Bundle: [bold]{Markup.Escape(report.BundlePath)}[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Check").AddColumn("Result").AddColumn("Detail");
        foreach (var check in report.Checks)
        {
            var detail = Markup.Escape(check.Detail);
            if (ReportText.ShowItems(check, verbose) && check.Items.Count > 0)
            {
                detail += "\n" + string.Join("\n", ReportText.Items(check, verbose).Select(i => "[dim]- " + Markup.Escape(i) + "[/]"));
            }
            table.AddRow(new Markup(Markup.Escape(check.Name)), new Markup(Colored(check.Outcome)), new Markup(detail));
        }
        console.Write(table);
        var colour = report.Verdict switch
        {
            Verdict.Valid => "green",
            Verdict.Invalid or Verdict.Error => "red",
            _ => "yellow",
        };
        console.MarkupLine($"[bold {colour}]{Markup.Escape(ReportText.Summary(report))}[/]");
    }

    private static string Colored(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "[green]PASS[/]",
        CheckOutcome.Fail => "[red bold]FAIL[/]",
        CheckOutcome.Warn => "[yellow]WARN[/]",
        _ => "[dim]SKIP[/]",
    };
}
