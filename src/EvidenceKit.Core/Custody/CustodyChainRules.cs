namespace EvidenceKit.Core.Custody;

/// <summary>The rules the chain is judged by, stated once.</summary>
public static class CustodyChainRules
{
    /// <summary>
    /// How far an event's time may lie before the previous event's (or, for event 1, before the manifest's
    /// "finished"): clocks of different people's machines disagree by a little, never by more.
    /// </summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The note a prosecution manifest carries when the collector wrote event 1: the signed manifest thereby commits
    /// to the chain, so deleting every event is noticed.
    /// </summary>
    public const string ChainNote = "custody-chain: custody/events/000001.json (sealed) follows this manifest";

    /// <summary>Largest event .json accepted, in bytes.</summary>
    public const long MaxEventBytes = 1024 * 1024;

    /// <summary>Largest .p7s or .tsr accepted, in bytes.</summary>
    public const long MaxSignatureBytes = 16L * 1024 * 1024;
}
