using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// fetch.txt (RFC 8493 2.2.3): each line "URL LENGTH PATH" names a payload file to be fetched. Nothing is ever
/// fetched; a listed file that is not in the bag makes the bag INCOMPLETE, and every entry is reported.
/// </summary>
internal sealed class FetchCheck : IBagCheck
{
    public const string FetchTxt = "fetch.txt";

    public void Run(VerificationContext context)
    {
        var snapshot = context.Snapshot;
        if (!snapshot.Contains(FetchTxt))
        {
            return;
        }
        if (context.Evidence)
        {
            context.Checks.Add(CheckNames.Fetch, CheckOutcome.Fail, "fetch.txt is in an EvidenceKit bundle, which never fetches anything.");
            return;
        }
        if (snapshot.NotReadable(FetchTxt) is { } problem)
        {
            context.Checks.Add(CheckNames.Fetch, CheckOutcome.Fail, problem + ".");
            return;
        }
        var findings = new List<string>();
        var entries = 0;
        try
        {
            foreach (var (number, text) in snapshot.ReadLines(FetchTxt, snapshot.Limits.PayloadManifestLines(snapshot.PayloadFileCount), context.TagEncoding))
            {
                var parts = text.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 3 || !(parts[1] == "-" || parts[1].All(char.IsAsciiDigit)))
                {
                    findings.Add($"fetch.txt line {number} is malformed: expected 'URL LENGTH PATH'");
                    continue;
                }
                entries++;
                var path = BagManifestText.DecodePercent(parts[2]);
                if ((BagPathRules.Problem(path) ?? (BagPathRules.IsPayload(path) ? null : "is not under data/")) is { } unsafePath)
                {
                    findings.Add($"fetch.txt line {number}: {CheckList.Show(path)} {unsafePath}");
                }
                else if (!snapshot.Contains(path))
                {
                    context.Unfetched.Add($"{CheckList.Show(path)} from {CheckList.Show(parts[0])} (fetch.txt line {number}) is not in the bag; it was not fetched");
                }
            }
        }
        catch (BundleReaderException e)
        {
            findings.Add(e.Message);
        }
        if (findings.Count > 0)
        {
            context.Checks.Add(CheckNames.Fetch, CheckOutcome.Fail, "fetch.txt is malformed or names a path outside data/.", findings);
        }
        else if (context.Unfetched.Count > 0)
        {
            context.Checks.Add(CheckNames.Fetch, CheckOutcome.Warn,
                $"{CheckList.Count(context.Unfetched.Count, "file")} listed in fetch.txt {(context.Unfetched.Count == 1 ? "is" : "are")} not in the bag: the bag is incomplete (nothing is fetched).",
                context.Unfetched);
        }
        else
        {
            context.Checks.Add(CheckNames.Fetch, CheckOutcome.Pass, $"fetch.txt lists {CheckList.Count(entries, "file")}, all already in the bag (nothing is fetched).");
        }
    }
}
