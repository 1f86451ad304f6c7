namespace EvidenceKit.Core.Verification;

/// <summary>
/// From the checks to the verdict: any Fail is INVALID; else a partial bundle, or a bag with unfetched fetch.txt
/// entries, is INCOMPLETE; else any Warn is UNTRUSTED; else VALID.
/// </summary>
internal static class VerdictRules
{
    public static Verdict Decide(IReadOnlyList<CheckResult> checks, bool partial, bool unfetched = false)
    {
        if (checks.Any(c => c.Outcome == CheckOutcome.Fail))
        {
            return Verdict.Invalid;
        }
        if (partial || unfetched)
        {
            return Verdict.Incomplete;
        }
        return checks.Any(c => c.Outcome == CheckOutcome.Warn) ? Verdict.Untrusted : Verdict.Valid;
    }
}
