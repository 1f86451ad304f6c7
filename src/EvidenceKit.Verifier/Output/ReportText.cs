using System.Globalization;
using EvidenceKit.Cli;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Output;

/// <summary>Words shared by the report writers.</summary>
internal static class ReportText
{
    /// <summary>Findings shown per check unless --verbose.</summary>
    public const int ItemsShown = 20;

    public static string Verdict(Verdict verdict) => verdict.ToString().ToUpperInvariant();

    public static string Outcome(CheckOutcome outcome) => outcome.ToString().ToUpperInvariant();

    /// <summary>Whether a check's items are worth showing by default.</summary>
    public static bool ShowItems(CheckResult check, bool verbose) =>
        verbose || check.Outcome is CheckOutcome.Fail or CheckOutcome.Warn || check.Name == CheckNames.CustodyChain;

    /// <summary>The items to print, with a last line saying how many were left out.</summary>
    public static IEnumerable<string> Items(CheckResult check, bool verbose)
    {
        var shown = verbose ? check.Items : check.Items.Take(ItemsShown);
        foreach (var item in shown)
        {
            yield return item;
        }
        if (!verbose && check.Items.Count > ItemsShown)
        {
            yield return $"... and {check.Items.Count - ItemsShown} more (--verbose shows all)";
        }
    }

    /// <summary>"VALID (exit 0): prosecution bundle, signed by CN=..., 12 files, 3 456 bytes in 0.1 s".</summary>
    public static string Summary(VerificationReport report)
    {
        var parts = new List<string>();
        if (report.Partial)
        {
            parts.Add($"partial bundle, {report.FinishedFiles.Count} files finished");
        }
        else if (report.Mode is { } mode)
        {
            parts.Add($"{mode} bundle");
        }
        if (report.Statement is { } statement)
        {
            parts.Add(statement);
        }
        else if (!report.Partial && report.Verdict != Core.Verification.Verdict.Error)
        {
            parts.Add(report.Signer is { } signer ? $"signed by {signer.Subject}" : report.Signed ? "signed" : "unsigned");
        }
        parts.Add(string.Create(CultureInfo.InvariantCulture,
            $"{report.Figures.Files} files, {report.Figures.Bytes} bytes hashed in {report.Figures.Seconds:0.###} s"));
        return $"{Verdict(report.Verdict)} (exit {ExitCodes.Of(report.Verdict)}): {string.Join(", ", parts)}";
    }
}
