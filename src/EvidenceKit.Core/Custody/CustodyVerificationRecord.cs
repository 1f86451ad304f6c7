namespace EvidenceKit.Core.Custody;

/// <summary>What the verifier found just before an event was added: verdict and figures.</summary>
public sealed record CustodyVerificationRecord
{
    /// <summary>VALID or UNTRUSTED (an INVALID bundle gets no event).</summary>
    public required string Verdict { get; init; }

    /// <summary>When the verification ran (UTC).</summary>
    public required string VerifiedAt { get; init; }

    /// <summary>The verifier's name and version.</summary>
    public required string Verifier { get; init; }

    /// <summary>Payload files hashed.</summary>
    public required long Files { get; init; }

    /// <summary>Payload bytes hashed.</summary>
    public required long Bytes { get; init; }

    /// <summary>Custody events present before this one.</summary>
    public required int EventsBefore { get; init; }

    /// <summary>The checks that did not pass, as "name: detail".</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
