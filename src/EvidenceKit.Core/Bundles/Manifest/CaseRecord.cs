namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>The case and incident the evidence belongs to.</summary>
public sealed record CaseRecord
{
    /// <summary>Case identifier (also in bag-info.txt as External-Identifier).</summary>
    public required string Id { get; init; }

    /// <summary>Who owns the incident.</summary>
    public string? IncidentOwner { get; init; }

    /// <summary>Point of contact for questions about the evidence.</summary>
    public string? PointOfContact { get; init; }

    /// <summary>low, medium or high.</summary>
    public string? Severity { get; init; }

    /// <summary>Why the evidence was collected.</summary>
    public string? Reason { get; init; }

    /// <summary>Free description of the incident.</summary>
    public string? Description { get; init; }
}
