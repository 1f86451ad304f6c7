namespace EvidenceKit.Core.Custody;

/// <summary>The person behind a custody event, and the certificate whose key signed it.</summary>
public sealed record CustodyActor
{
    /// <summary>The person's name.</summary>
    public required string Name { get; init; }

    /// <summary>Their organization.</summary>
    public string? Organization { get; init; }

    /// <summary>SHA-256 of the signing certificate (DER), lower-case hex.</summary>
    public required string CertificateSha256 { get; init; }

    /// <summary>The signing certificate's subject.</summary>
    public string? CertificateSubject { get; init; }
}
