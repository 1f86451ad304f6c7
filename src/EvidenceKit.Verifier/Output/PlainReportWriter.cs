using EvidenceKit.Cli;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Output;

/// <summary>
/// The report as plain aligned lines, for pipes, files and logs. Every text from the bundle (its path, details,
/// findings) is escaped to one line (<see cref="TerminalText"/>), so no finding can move the cursor, erase or forge
/// the verdict line, which is always the last.
/// </summary>
internal static class PlainReportWriter
{
    public static void Write(VerificationReport report, bool quiet, bool verbose, TextWriter output)
    {
        if (quiet)
        {
            output.WriteLine(TerminalText.Escape(ReportText.Summary(report)));
            return;
        }
        output.WriteLine($"Bundle: {TerminalText.Escape(report.BundlePath)}");
        var width = report.Checks.Max(c => c.Name.Length);
        foreach (var check in report.Checks)
        {
            output.WriteLine($"  {ReportText.Outcome(check.Outcome),-4}  {check.Name.PadRight(width)}  {TerminalText.Escape(check.Detail)}");
            if (ReportText.ShowItems(check, verbose))
            {
                foreach (var item in ReportText.Items(check, verbose))
                {
                    output.WriteLine($"  {"",-4}  {"".PadRight(width)}  - {TerminalText.Escape(item)}");
                }
            }
        }
        output.WriteLine(TerminalText.Escape(ReportText.Summary(report)));
    }
}
