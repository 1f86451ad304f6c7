using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Verifier;

/// <summary>What the person verifying trusts, as given on the command line: signers (--trust, --trust-fingerprint) and time-stamp authorities (--tsa-trust).</summary>
internal sealed record TrustSettings(IReadOnlyList<string> TrustPaths, IReadOnlyList<string> TrustFingerprints, IReadOnlyList<string> TsaTrustPaths)
{
    /// <summary>One sentence on what is wrong, or null.</summary>
    public string? Validate()
    {
        foreach (var fingerprint in TrustFingerprints)
        {
            var hex = fingerprint.Replace(":", "", StringComparison.Ordinal);
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            {
                return $"--trust-fingerprint '{fingerprint}' is not a SHA-256 fingerprint (64 hex digits, colons allowed).";
            }
        }
        foreach (var (option, path) in TrustPaths.Select(p => ("--trust", p)).Concat(TsaTrustPaths.Select(p => ("--tsa-trust", p))))
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                return $"{option} '{path}' does not exist.";
            }
        }
        return null;
    }

    /// <summary>Loads the anchors; throws what the loader throws for an unusable file.</summary>
    public (TrustPolicy Signers, TrustPolicy Authorities) Load(Func<IEnumerable<string>, IReadOnlyList<byte[]>> loadTrustAnchors) =>
    (
        new TrustPolicy(TrustPaths.Count == 0 ? [] : loadTrustAnchors(TrustPaths), TrustFingerprints),
        new TrustPolicy(TsaTrustPaths.Count == 0 ? [] : loadTrustAnchors(TsaTrustPaths), [])
    );
}
