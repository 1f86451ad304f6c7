namespace EvidenceKit.Core.Custody;

/// <summary>What a file in custody/events/ is.</summary>
public enum CustodyFileRole
{
    /// <summary>NNNNNN.json, the event.</summary>
    Event,

    /// <summary>NNNNNN.json.p7s, its detached CMS signature.</summary>
    Signature,

    /// <summary>NNNNNN.json.p7s.tsr, an RFC 3161 token over the signature.</summary>
    Timestamp,
}
