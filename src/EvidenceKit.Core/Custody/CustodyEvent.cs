namespace EvidenceKit.Core.Custody;

/// <summary>
/// One custody event (custody/events/NNNNNN.json): who did what with the bundle, when, and the SHA-256 of what came
/// before, signed by that person. The signature covers the exact bytes written, so nothing is re-serialized.
/// </summary>
public sealed record CustodyEvent
{
    /// <summary>The schema this event follows.</summary>
    public const string CurrentSchema = "https://evidencekit.dev/schema/custody-event/v1";

    /// <summary>Schema identifier (versioned).</summary>
    public string Schema { get; init; } = CurrentSchema;

    /// <summary>The bundle's id, as manifest.json says.</summary>
    public required Guid BundleId { get; init; }

    /// <summary>1 for the first event, then one more for each.</summary>
    public required int Sequence { get; init; }

    /// <summary>
    /// What this event follows: for event 1, custody/manifest.json and custody/manifest.json.p7s; for event n, the
    /// previous event's .json file; each with its SHA-256.
    /// </summary>
    public required IReadOnlyList<CustodyLink> Previous { get; init; }

    /// <summary>When it happened (UTC, ISO 8601).</summary>
    public required string Time { get; init; }

    /// <summary>One of <see cref="CustodyEventKinds.All"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Who did it and signed this event.</summary>
    public required CustodyActor Actor { get; init; }

    /// <summary>Who or where the evidence came from.</summary>
    public string? From { get; init; }

    /// <summary>Who or where it went to.</summary>
    public string? To { get; init; }

    /// <summary>Why (purpose or reason).</summary>
    public string? Purpose { get; init; }

    /// <summary>Where it happened.</summary>
    public string? Location { get; init; }

    /// <summary>What the evidence was on (drive, share, its serial).</summary>
    public string? Medium { get; init; }

    /// <summary>Seal or bag number.</summary>
    public string? Seal { get; init; }

    /// <summary>The verifier's result just before this event was added (absent for "sealed").</summary>
    public CustodyVerificationRecord? Verification { get; init; }
}
