using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Signing.Timestamps;

namespace EvidenceKit.Verifier;

/// <summary>RFC 3161 from EvidenceKit.Signing, behind the Core ports.</summary>
internal static class TimestampServices
{
    /// <summary>How long one request to a time-stamp authority may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static ITimestampVerifier CreateVerifier(TimeProvider time) => new TokenVerifier(new TimestampTokenVerifier(time));

    /// <exception cref="InvalidDataException">The URL is not an absolute http(s) URL.</exception>
    public static ITimestamper CreateTimestamper(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Rfc3161Timestamper(uri, RequestTimeout)
            : throw new InvalidDataException($"--tsa {url} is not an http:// or https:// URL.");

    private sealed class TokenVerifier(TimestampTokenVerifier inner) : ITimestampVerifier
    {
        public Core.Verification.TimestampVerification Verify(ReadOnlySpan<byte> token, ReadOnlySpan<byte> timestampedData, TrustPolicy tsaTrust)
        {
            var r = inner.Verify(timestampedData, token, tsaTrust);
            return new Core.Verification.TimestampVerification(r.Valid, r.Trusted, r.GenTime, r.TsaSubject, r.TsaCertificateSha256, r.Detail);
        }
    }
}
