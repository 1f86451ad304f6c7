using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;

namespace EvidenceKit.Verifier;

/// <summary>RFC 3161: the token checker and client, once EvidenceKit.Signing provides them.</summary>
internal static class TimestampServices
{
    public static ITimestampVerifier? CreateVerifier() => null;

    public static ITimestamper CreateTimestamper(string url) =>
        throw new InvalidDataException($"--tsa {url}: trusted timestamps are not available in this build yet; leave --tsa out.");
}
