namespace EvidenceKit.Core.Verification;

/// <summary>The outcome of checking one RFC 3161 token.</summary>
/// <param name="Valid">The token is well-formed, granted, signed by its authority, and its imprint matches the data.</param>
/// <param name="Trusted">The authority's certificate has the timeStamping usage and is trusted by the TSA policy.</param>
/// <param name="GenTime">The time the authority states (UTC), when the token could be read.</param>
/// <param name="AuthoritySubject">The authority certificate's subject, when one could be read.</param>
/// <param name="AuthorityCertificateSha256">SHA-256 of the authority certificate (lower-case hex), when one could be read.</param>
/// <param name="Detail">One exact sentence on what was found.</param>
public sealed record TimestampVerification(
    bool Valid,
    bool Trusted,
    DateTimeOffset? GenTime,
    string? AuthoritySubject,
    string? AuthorityCertificateSha256,
    string Detail);
