namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>
/// How far the collected host's clock was from a reference clock when the run started, as measured by whoever
/// started the collector (for a fleet: the Ansible controller). A timeline across hosts subtracts
/// <see cref="Seconds"/> from the host's times to put them on the reference clock.
/// </summary>
public sealed record ClockOffsetRecord
{
    /// <summary>Host clock minus reference clock, in seconds (positive: the host is ahead).</summary>
    public required double Seconds { get; init; }

    /// <summary>The clock it was measured against, e.g. "controller" or "evidence-server".</summary>
    public required string Reference { get; init; }

    /// <summary>When it was measured, on the reference clock (ISO 8601 UTC).</summary>
    public required string MeasuredAt { get; init; }

    /// <summary>How far off the measurement may be, in seconds (half the round trip of the measurement), when known.</summary>
    public double? UncertaintySeconds { get; init; }
}
