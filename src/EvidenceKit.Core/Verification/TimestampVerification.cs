using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Core.Verification;

/// <summary>The outcome of checking one RFC 3161 token.</summary>
/// <param name="Valid">The token is well-formed, granted, signed by its authority, and its imprint matches the data.</param>
/// <param name="Trusted">The authority's certificate has the timeStamping usage and is trusted by the TSA policy.</param>
/// <param name="GenTime">The time the authority states (UTC), when the token could be read.</param>
/// <param name="Authority">The authority's certificate, when one could be read.</param>
/// <param name="Detail">One exact sentence on what was found.</param>
public sealed record TimestampVerification(bool Valid, bool Trusted, DateTimeOffset? GenTime, SignerIdentity? Authority, string Detail);
