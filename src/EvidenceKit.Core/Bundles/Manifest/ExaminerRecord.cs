namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>The examiner responsible for the collection.</summary>
public sealed record ExaminerRecord
{
    /// <summary>Examiner's name.</summary>
    public required string Name { get; init; }

    /// <summary>Examiner's organisation.</summary>
    public string? Organization { get; init; }

    /// <summary>SHA-256 fingerprint of the signing certificate (lower-case hex), when signed.</summary>
    public string? CertificateSha256 { get; init; }

    /// <summary>Subject of the signing certificate, when signed.</summary>
    public string? CertificateSubject { get; init; }
}
