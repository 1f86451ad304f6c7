namespace EvidenceKit.Core.Custody;

/// <summary>What a person says about an event they add; the chain fields (sequence, links, time) are filled in.</summary>
/// <param name="Kind">One of <see cref="CustodyEventKinds.All"/>.</param>
/// <param name="ActorName">Who.</param>
/// <param name="Organization">Their organization.</param>
/// <param name="From">Who or where it came from.</param>
/// <param name="To">Who or where it went.</param>
/// <param name="Purpose">Why.</param>
/// <param name="Location">Where.</param>
/// <param name="Medium">On what.</param>
/// <param name="Seal">Seal or bag number.</param>
public sealed record CustodyEventDetails(
    string Kind,
    string ActorName,
    string? Organization = null,
    string? From = null,
    string? To = null,
    string? Purpose = null,
    string? Location = null,
    string? Medium = null,
    string? Seal = null);
