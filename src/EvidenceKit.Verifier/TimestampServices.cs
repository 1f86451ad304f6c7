using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Signing.Timestamps;

namespace EvidenceKit.Verifier;

/// <summary>RFC 3161 from EvidenceKit.Signing, behind the Core ports.</summary>
internal static class TimestampServices
{
    public static ITimestampVerifier CreateVerifier(TimeProvider time) => new TimestampTokenVerifier(time);

    /// <exception cref="InvalidDataException">The URL is not an absolute http(s) URL.</exception>
    public static ITimestamper CreateTimestamper(string url) =>
        Rfc3161Timestamper.ForUrl(url) ?? throw new InvalidDataException($"--tsa {url} is not an http:// or https:// URL.");
}
