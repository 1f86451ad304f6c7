using EvidenceKit.Core.Custody;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>The custody chain, judged over the same snapshot (events read through it, tag digests from the one hashing pass).</summary>
internal sealed class CustodyChainCheck : IBagCheck
{
    public void Run(VerificationContext context)
    {
        var options = context.Options;
        var chain = new CustodyChainVerifier(context.SignatureVerifier, context.TimestampVerifier, options.Trust, options.TsaTrust)
            .Verify(context.Snapshot, context.Manifest, context.ManifestBytes, context.TagSha256);
        context.Chain = chain;
        var checks = context.Checks;
        if (chain.Events.Count == 0 && chain.Problems.Count == 0)
        {
            checks.Add(CheckNames.CustodyChain, CheckOutcome.Skip, "No custody events.");
            return;
        }
        var head = chain.HeadSha256 is { } sha ? $" Head: {CustodyPaths.Event(chain.Events[^1].Sequence)} SHA-256 {sha}." : "";
        if (chain.Problems.Count > 0)
        {
            checks.Add(CheckNames.CustodyChain, CheckOutcome.Fail,
                $"The custody chain is broken ({CheckList.Count(chain.Problems.Count, "problem")} in {CheckList.Count(chain.Events.Count, "event")}).",
                [.. chain.Problems, .. chain.Untrusted]);
        }
        else if (chain.Untrusted.Count > 0)
        {
            checks.Add(CheckNames.CustodyChain, CheckOutcome.Warn,
                $"{CheckList.Count(chain.Events.Count, "event")}, linked and signed, but not every signer is trusted by your policy.{head}",
                chain.Untrusted);
        }
        else
        {
            checks.Add(CheckNames.CustodyChain, CheckOutcome.Pass,
                $"{CheckList.Count(chain.Events.Count, "event")} from 1 without gaps, each linked by SHA-256 and signed by a trusted signer "
                + $"whose certificate names its actor; times never go back more than {CustodyChainRules.ClockTolerance.TotalMinutes:0} minutes.{head}",
                chain.Events.Select(e => $"{e.Sequence:D6} {e.Event?.Time} {e.Event?.Kind} by {e.Event?.Actor.Name}").ToList());
        }
    }
}
