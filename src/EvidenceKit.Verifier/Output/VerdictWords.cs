using System.Globalization;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Output;

/// <summary>
/// What a verdict means in plain words, for the custody report and the CASE export. Every sentence is derived from the
/// verdict and the outcome of a named check: a claim is made only when the check behind it passed.
/// </summary>
internal static class VerdictWords
{
    /// <summary>What an unsigned bundle proves, said the same way in every output.</summary>
    public const string Unsigned = "unsigned: this proves the files match their manifest, not who collected them or when.";

    /// <summary>The outcome of the named check, or null when it was not run.</summary>
    public static CheckOutcome? Outcome(VerificationReport report, string check) =>
        report.Checks.FirstOrDefault(c => c.Name == check)?.Outcome;

    private static bool Passed(VerificationReport report, string check) => Outcome(report, check) == CheckOutcome.Pass;

    /// <summary>True when the manifest signature verified and its signer is trusted.</summary>
    public static bool SignedAndTrusted(VerificationReport report) =>
        Passed(report, CheckNames.Signature) && Passed(report, CheckNames.SignerTrust);

    /// <summary>The verdict's heading ("VALID: signed and trusted") and what it means.</summary>
    public static (string Title, string Meaning) Headline(BundleDossier d)
    {
        var r = d.Report;
        return r.Verdict switch
        {
            Verdict.Valid when SignedAndTrusted(r) => ("VALID: signed and trusted",
                $"Every collected file is present and unchanged since the bundle was sealed, and the record of the collection is signed by {r.Signer?.Subject ?? "its examiner"}, whose certificate this verifier trusts."),
            Verdict.Valid when d.Manifest is null && r.Mode is null => ("VALID: plain BagIt bag, no custody manifest",
                "The files match their manifest. There is no custody record, so this proves nothing about who collected them, from where or when."),
            Verdict.Valid when Passed(r, CheckNames.Signature) => ("VALID: signed, signer not judged",
                $"Every collected file is present and unchanged, and the record carries a valid signature by {r.Signer?.Subject ?? "an unnamed signer"}; no trust list was applied to that signer."),
            Verdict.Valid => ("VALID: unsigned", "Unsigned: this proves the files match their manifest, not who collected them or when."),
            Verdict.Invalid => ("INVALID",
                "Do not rely on this bundle as it is: something in it was changed, is missing, or was added after it was sealed. What failed is listed below."),
            Verdict.Untrusted => ("UNTRUSTED",
                "No change to the files was found, but not everything could be proven: the points listed below are not established (for example a signer or time-stamp authority this verifier was not told to trust)."),
            Verdict.Incomplete => ("INCOMPLETE",
                "The collection was never finished (a partial bundle): it is not a complete record, and only the files it had finished were checked."),
            _ => ("ERROR", "The bundle could not be verified, so nothing about it is established."),
        };
    }

    /// <summary>The facts the verification established, one sentence each, only for checks that passed.</summary>
    public static IReadOnlyList<string> Proven(BundleDossier d)
    {
        var r = d.Report;
        var proven = new List<string>();
        if (r.Verdict is Verdict.Error)
        {
            return proven;
        }
        if (Passed(r, CheckNames.PayloadFiles))
        {
            proven.Add(string.Create(CultureInfo.InvariantCulture,
                $"Each of the {r.Figures.Files:N0} collected files is present and identical, byte for byte, to what was recorded when it was collected (SHA-256)."));
        }
        if (Passed(r, CheckNames.UnlistedFiles))
        {
            proven.Add("No file was added to the collected data afterwards.");
        }
        if (Passed(r, CheckNames.TagManifest))
        {
            proven.Add("The bundle's own records (manifests, custody record, collection log) match their recorded hashes.");
        }
        if (Passed(r, CheckNames.CustodyFiles))
        {
            proven.Add("The custody record lists exactly these files, with the same hashes.");
        }
        if (Passed(r, CheckNames.Signature))
        {
            proven.Add(Passed(r, CheckNames.SignerTrust)
                ? $"The custody record is signed by {r.Signer?.Subject ?? "its examiner"}, whose certificate this verifier trusts, and has not changed since it was signed."
                : $"The custody record carries a valid signature by {r.Signer?.Subject ?? "an unnamed signer"}; that signer is not proven trusted.");
        }
        if (Passed(r, CheckNames.Timestamp) && d.ManifestTimestamp is { Valid: true, Trusted: true, GenTime: { } genTime } stamp)
        {
            proven.Add($"The time-stamp authority {stamp.AuthoritySubject ?? "(unnamed)"} attests that the signature existed at {ReportTime.Short(genTime)}.");
        }
        if (Passed(r, CheckNames.CustodyChain) && d.Chain.Events.Count > 0)
        {
            proven.Add(d.Chain.Events.Count == 1
                ? "The custody event forms an unbroken chain from the signed record and is signed."
                : string.Create(CultureInfo.InvariantCulture,
                    $"The {d.Chain.Events.Count} custody events form an unbroken chain from the signed record, each signed and linked to the one before."));
        }
        return proven;
    }

    /// <summary>What the verification did not establish: every failed or warned check, and, for an unsigned bundle, who and when.</summary>
    public static IReadOnlyList<string> NotEstablished(BundleDossier d)
    {
        var r = d.Report;
        var open = r.Checks
            .Where(c => c.Outcome is CheckOutcome.Fail or CheckOutcome.Warn)
            .Select(c => $"{(c.Outcome == CheckOutcome.Fail ? "Failed" : "Not proven")}: {c.Name}: {c.Detail}")
            .ToList();
        if (r.Verdict is not Verdict.Error && !Passed(r, CheckNames.Signature))
        {
            open.Add(d.Manifest is null && r.Mode is null
                ? "There is no custody record: who collected the files, from which machine and when is not recorded."
                : "Who collected the files, from which machine and when: the bundle is " + Unsigned);
        }
        return open;
    }
}
