namespace EvidenceKit.Core.Custody;

/// <summary>An event as written.</summary>
/// <param name="Event">The event.</param>
/// <param name="Path">Its bag path, e.g. "custody/events/000002.json".</param>
/// <param name="Sha256">SHA-256 of its .json file: the next event links to it, and whoever keeps a receipt should note it.</param>
/// <param name="Timestamped">True when an RFC 3161 token was saved next to its signature.</param>
public sealed record AppendedCustodyEvent(CustodyEvent Event, string Path, string Sha256, bool Timestamped);
