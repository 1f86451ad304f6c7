namespace EvidenceKit.Core.Verification;

/// <summary>From the checks to the verdict: any Fail is INVALID; else any Warn is INCOMPLETE (partial) or UNTRUSTED; else VALID.</summary>
internal static class VerdictRules
{
    public static Verdict Decide(IReadOnlyList<CheckResult> checks, bool partial)
    {
        if (checks.Any(c => c.Outcome == CheckOutcome.Fail))
        {
            return Verdict.Invalid;
        }
        if (partial)
        {
            return Verdict.Incomplete;
        }
        return checks.Any(c => c.Outcome == CheckOutcome.Warn) ? Verdict.Untrusted : Verdict.Valid;
    }
}
