using System.CommandLine;
using EvidenceKit.Core.Abstractions;

namespace EvidenceKit.Verifier;

/// <summary>
/// What the person verifying trusts: signers (--trust, --trust-fingerprint) and time-stamp authorities (--tsa-trust).
/// The three options are declared here once and shared by verification, <c>custody add</c> and <c>custody show</c>.
/// </summary>
internal sealed record TrustSettings(IReadOnlyList<string> TrustPaths, IReadOnlyList<string> TrustFingerprints, IReadOnlyList<string> TsaTrustPaths)
{
    public static readonly Option<string[]> TrustOption = new("--trust") { Description = "A trusted certificate (PEM or DER) or a directory of them; repeatable." };
    public static readonly Option<string[]> FingerprintOption = new("--trust-fingerprint") { Description = "SHA-256 fingerprint of a trusted signer certificate; repeatable." };
    public static readonly Option<string[]> TsaTrustOption = new("--tsa-trust") { Description = "A trusted time-stamp authority certificate or root (PEM or DER), or a directory of them; repeatable. Separate from --trust." };

    /// <summary>The trust options, to add to a command.</summary>
    public static IReadOnlyList<Option> Options { get; } = [TrustOption, FingerprintOption, TsaTrustOption];

    /// <summary>What the command line gave.</summary>
    public static TrustSettings Bind(ParseResult parse) =>
        new(parse.GetValue(TrustOption) ?? [], parse.GetValue(FingerprintOption) ?? [], parse.GetValue(TsaTrustOption) ?? []);

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
