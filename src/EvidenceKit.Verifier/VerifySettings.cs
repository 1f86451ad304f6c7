using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Verifier;

/// <summary>What the user asked for on the command line, before anything is loaded.</summary>
internal sealed record VerifySettings(
    string BundlePath,
    IReadOnlyList<string> TrustPaths,
    IReadOnlyList<string> TrustFingerprints,
    bool RequireSignature,
    bool Json,
    bool Quiet,
    bool Verbose)
{
    /// <summary>One sentence on what is wrong with the arguments, or null when they are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(BundlePath))
        {
            return "Give the bundle directory to verify.";
        }
        if (Quiet && Verbose)
        {
            return "--quiet and --verbose cannot be used together.";
        }
        foreach (var fingerprint in TrustFingerprints)
        {
            var hex = fingerprint.Replace(":", "", StringComparison.Ordinal);
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            {
                return $"--trust-fingerprint '{fingerprint}' is not a SHA-256 fingerprint (64 hex digits, colons allowed).";
            }
        }
        foreach (var path in TrustPaths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                return $"--trust '{path}' does not exist.";
            }
        }
        return null;
    }

    /// <summary>The trust policy from the loaded anchors and the pinned fingerprints.</summary>
    public TrustPolicy Policy(IReadOnlyList<byte[]> anchors) => new(anchors, TrustFingerprints);
}
