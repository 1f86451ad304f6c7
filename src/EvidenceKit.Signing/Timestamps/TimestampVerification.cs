namespace EvidenceKit.Signing.Timestamps;

/// <summary>The outcome of checking one RFC 3161 time-stamp token against the bytes it claims to cover.</summary>
/// <param name="Valid">The token is well-formed, its imprint matches the data and its signature verifies.</param>
/// <param name="Trusted">The TSA certificate is trusted by the policy (and has the critical timeStamping usage).</param>
/// <param name="GenTime">When the authority says it saw the data (UTC), when the token could be read.</param>
/// <param name="TsaSubject">The TSA certificate's subject, when found.</param>
/// <param name="TsaCertificateSha256">SHA-256 of the TSA certificate (lower-case hex), when found.</param>
/// <param name="Detail">One exact sentence on what was found.</param>
public sealed record TimestampVerification(
    bool Valid,
    bool Trusted,
    DateTimeOffset? GenTime,
    string? TsaSubject,
    string? TsaCertificateSha256,
    string Detail);
