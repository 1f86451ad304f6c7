using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Output;

/// <summary>The report as plain aligned lines, for pipes, files and logs.</summary>
internal static class PlainReportWriter
{
    public static void Write(VerificationReport report, bool quiet, bool verbose, TextWriter output)
    {
        if (quiet)
        {
            output.WriteLine(ReportText.Summary(report));
            return;
        }
        output.WriteLine($"Bundle: {report.BundlePath}");
        var width = report.Checks.Max(c => c.Name.Length);
        foreach (var check in report.Checks)
        {
            output.WriteLine($"  {ReportText.Outcome(check.Outcome),-4}  {check.Name.PadRight(width)}  {check.Detail}");
            if (ReportText.ShowItems(check, verbose))
            {
                foreach (var item in ReportText.Items(check, verbose))
                {
                    output.WriteLine($"  {"",-4}  {"".PadRight(width)}  - {item}");
                }
            }
        }
        output.WriteLine(ReportText.Summary(report));
    }
}
