using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier.Custody;

/// <summary>What the custody commands need from the outside world.</summary>
internal sealed record CustodyServices(
    Func<ISignatureVerifier> CreateSignatureVerifier,
    Func<ITimestampVerifier?> CreateTimestampVerifier,
    Func<IEnumerable<string>, IReadOnlyList<byte[]>> LoadTrustAnchors,
    Func<string, string, ISigner> LoadKey,
    Func<string, ITimestamper> CreateTimestamper,
    Func<string, string?> ReadPassphrase);
