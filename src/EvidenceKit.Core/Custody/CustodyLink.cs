namespace EvidenceKit.Core.Custody;

/// <summary>A file an event follows, by its bag path and the SHA-256 of its exact bytes.</summary>
public sealed record CustodyLink
{
    /// <summary>Bag path, e.g. "custody/events/000001.json".</summary>
    public required string Path { get; init; }

    /// <summary>SHA-256 of the file, lower-case hex.</summary>
    public required string Sha256 { get; init; }
}
