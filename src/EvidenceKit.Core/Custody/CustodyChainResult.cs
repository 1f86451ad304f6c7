namespace EvidenceKit.Core.Custody;

/// <summary>What the chain check found: the events in order, what breaks the chain, and whose signatures are not trusted.</summary>
/// <param name="Events">Every event file found, by sequence.</param>
/// <param name="Problems">Findings that break the chain (INVALID): gaps, bad links, bad signatures, times going back.</param>
/// <param name="Untrusted">Findings that leave the chain unproven (UNTRUSTED): signers or authorities the policy does not trust.</param>
/// <param name="Expected">True when the signed manifest says event 1 follows it.</param>
public sealed record CustodyChainResult(
    IReadOnlyList<VerifiedCustodyEvent> Events,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Untrusted,
    bool Expected)
{
    /// <summary>SHA-256 of the last event's .json: whoever keeps a receipt can later prove nothing was cut off the end.</summary>
    public string? HeadSha256 => Events.Count == 0 ? null : Events[^1].Sha256;
}
