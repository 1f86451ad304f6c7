using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// bag-info.txt parses ("Label: value", also "Label:value" or "Label :value"; repeated labels kept; a line starting
/// with space or tab continues the value above) and its Payload-Oxum, when present, matches data/. Optional in a plain
/// bag (RFC 8493); an EvidenceKit bundle must have it with one Payload-Oxum.
/// </summary>
internal sealed class BagInfoCheck : IBagCheck
{
    public static string ActualOxum(BagSnapshot snapshot) => BagItText.PayloadOxum(snapshot.PayloadBytes, snapshot.PayloadFileCount);

    public static bool IsOxumLabel(string label) => string.Equals(label, "Payload-Oxum", StringComparison.OrdinalIgnoreCase);

    public void Run(VerificationContext context)
    {
        var checks = context.Checks;
        if (!context.Evidence && !context.Snapshot.Contains(BundleLayout.BagInfoTxt))
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Pass, "No bag-info.txt (optional in a plain BagIt bag).");
            return;
        }
        if (context.Snapshot.NotReadable(BundleLayout.BagInfoTxt) is { } problem)
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Fail, problem + ".");
            return;
        }
        List<BundleReaderField> fields;
        try
        {
            fields = Parse(context);
        }
        catch (BundleReaderException e)
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Fail, e.Message);
            return;
        }
        context.BagInfo = fields;
        var oxums = fields.Where(f => IsOxumLabel(f.Label)).ToList();
        var actual = ActualOxum(context.Snapshot);
        if (oxums.Count == 0 && !context.Evidence)
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Pass, $"{CheckList.Count(fields.Count, "field")}; no Payload-Oxum (optional).");
            return;
        }
        if (oxums.Count != 1)
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Fail, oxums.Count == 0
                ? "bag-info.txt has no Payload-Oxum."
                : $"bag-info.txt has {oxums.Count} Payload-Oxum fields (lines {string.Join(", ", oxums.Select(o => o.Line))}); one is allowed.");
            return;
        }
        var oxum = oxums[0];
        var parts = oxum.Value.Split('.');
        if (parts.Length != 2 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Fail,
                $"bag-info.txt line {oxum.Line}: Payload-Oxum {CheckList.Show(oxum.Value)} is not \"octets.files\".");
            return;
        }
        if (!string.Equals(oxum.Value, actual, StringComparison.Ordinal))
        {
            checks.Add(CheckNames.BagInfo, CheckOutcome.Fail,
                $"bag-info.txt line {oxum.Line}: Payload-Oxum is {oxum.Value}, but data/ holds {actual} (octets.files).");
            return;
        }
        checks.Add(CheckNames.BagInfo, CheckOutcome.Pass, $"{CheckList.Count(fields.Count, "field")}; Payload-Oxum {actual} matches data/.");
    }

    private static List<BundleReaderField> Parse(VerificationContext context)
    {
        var fields = new List<BundleReaderField>();
        foreach (var (number, text) in context.Snapshot.ReadLines(BundleLayout.BagInfoTxt, context.Snapshot.Limits.MaxBagInfoLines, context.TagEncoding))
        {
            if (text.Length > 0 && text[0] is ' ' or '\t')
            {
                if (fields.Count == 0)
                {
                    throw BundleReaderException.BadLine(BundleLayout.BagInfoTxt, number, "'Label: value'", text);
                }
                fields[^1] = fields[^1] with { Value = fields[^1].Value + " " + text.Trim() };
                continue;
            }
            if (text.Trim().Length == 0)
            {
                continue;
            }
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || text[..colon].Trim().Length == 0)
            {
                throw BundleReaderException.BadLine(BundleLayout.BagInfoTxt, number, "'Label: value'", text);
            }
            fields.Add(new BundleReaderField(number, text[..colon].Trim(), text[(colon + 1)..].Trim()));
        }
        return fields;
    }
}
