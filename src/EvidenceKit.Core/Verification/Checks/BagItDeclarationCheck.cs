using System.Text;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// bagit.txt: an EvidenceKit bundle's is exactly the collector's (BagIt 1.0, UTF-8, LF); a plain bag may declare
/// BagIt 1.0 or 0.97 and any tag-file encoding this runtime can decode, which is then used for its tag files.
/// </summary>
internal sealed class BagItDeclarationCheck : IBagCheck
{
    public void Run(VerificationContext context)
    {
        var checks = context.Checks;
        if (context.Snapshot.NotReadable(BundleLayout.BagitTxt) is { } problem)
        {
            checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Fail, problem + ".");
            return;
        }
        byte[] bytes;
        try
        {
            bytes = context.Snapshot.ReadAll(BundleLayout.BagitTxt, context.Snapshot.Limits.MaxDeclarationBytes);
        }
        catch (BundleReaderException e)
        {
            checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Fail, e.Message);
            return;
        }
        if (context.Evidence)
        {
            JudgeExact(checks, bytes);
            return;
        }
        JudgePlain(context, bytes);
    }

    private static void JudgeExact(CheckList checks, byte[] bytes)
    {
        var actual = Encoding.UTF8.GetString(bytes);
        if (actual == BagItText.BagitTxt)
        {
            checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Pass, "BagIt-Version 1.0, Tag-File-Character-Encoding UTF-8.");
            return;
        }
        var expectedLines = BagItText.BagitTxt.Split('\n');
        var actualLines = actual.Split('\n');
        var findings = new List<string>();
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "(nothing)";
            var a = i < actualLines.Length ? actualLines[i] : "(nothing)";
            if (!string.Equals(e, a, StringComparison.Ordinal))
            {
                findings.Add($"line {i + 1}: expected {CheckList.Show(e)}, found {CheckList.Show(a)}");
            }
        }
        checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Fail,
            "bagit.txt is not exactly \"BagIt-Version: 1.0\" and \"Tag-File-Character-Encoding: UTF-8\" (LF line ends).", findings);
    }

    private static void JudgePlain(VerificationContext context, byte[] bytes)
    {
        // RFC 8493 2.1.1: bagit.txt itself is always UTF-8; a BOM is not allowed.
        string text;
        try
        {
            text = BagTextLines.StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            context.Checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Fail, "bagit.txt is not valid UTF-8.");
            return;
        }
        var lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var findings = new List<string>();
        string? version = null;
        string? encodingName = null;
        if (text.StartsWith('\uFEFF'))
        {
            findings.Add("bagit.txt starts with a byte order mark");
        }
        if (lines.Length != 2)
        {
            findings.Add($"bagit.txt has {lines.Length} lines; exactly 2 are allowed");
        }
        if (lines.Length >= 1 && lines[0].StartsWith("BagIt-Version: ", StringComparison.Ordinal))
        {
            version = lines[0]["BagIt-Version: ".Length..];
        }
        if (lines.Length >= 2 && lines[1].StartsWith("Tag-File-Character-Encoding: ", StringComparison.Ordinal))
        {
            encodingName = lines[1]["Tag-File-Character-Encoding: ".Length..];
        }
        if (version is not ("1.0" or "0.97"))
        {
            findings.Add($"line 1: expected \"BagIt-Version: 1.0\" or \"BagIt-Version: 0.97\", found {CheckList.Show(lines[0])}");
        }
        Encoding? encoding = null;
        if (encodingName is null)
        {
            findings.Add($"line 2: expected \"Tag-File-Character-Encoding: <encoding>\", found {CheckList.Show(lines.ElementAtOrDefault(1) ?? "(nothing)")}");
        }
        else if ((encoding = Decoder(encodingName)) is null)
        {
            findings.Add($"line 2: tag-file encoding {CheckList.Show(encodingName)} cannot be decoded by this verifier");
        }
        if (findings.Count > 0)
        {
            context.Checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Fail, "bagit.txt is not a BagIt declaration this verifier can follow.", findings);
            return;
        }
        context.TagEncoding = encoding!;
        context.Checks.Add(CheckNames.BagItDeclaration, CheckOutcome.Pass, $"BagIt-Version {version}, Tag-File-Character-Encoding {encodingName}.");
    }

    private static Encoding? Decoder(string name)
    {
        if (name.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) || name.Equals("UTF8", StringComparison.OrdinalIgnoreCase))
        {
            return BagTextLines.StrictUtf8;
        }
        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
