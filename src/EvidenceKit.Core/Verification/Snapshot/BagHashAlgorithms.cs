using System.Security.Cryptography;

namespace EvidenceKit.Core.Verification.Snapshot;

/// <summary>The checksum algorithms of BagIt manifests (RFC 8493 names) this verifier checks, and which are weak.</summary>
internal static class BagHashAlgorithms
{
    private static readonly Dictionary<string, (HashAlgorithmName Name, int HexDigits)> Known = new(StringComparer.Ordinal)
    {
        ["md5"] = (HashAlgorithmName.MD5, 32),
        ["sha1"] = (HashAlgorithmName.SHA1, 40),
        ["sha256"] = (HashAlgorithmName.SHA256, 64),
        ["sha384"] = (HashAlgorithmName.SHA384, 96),
        ["sha512"] = (HashAlgorithmName.SHA512, 128),
    };

    public static bool IsKnown(string algorithm) => Known.ContainsKey(algorithm);

    /// <summary>MD5 and SHA-1 are checked, but a collision can be made: they do not prove integrity against a forger.</summary>
    public static bool IsWeak(string algorithm) => algorithm is "md5" or "sha1";

    public static int HexDigits(string algorithm) => Known[algorithm].HexDigits;

    public static IncrementalHash Create(string algorithm) => IncrementalHash.CreateHash(Known[algorithm].Name);

    /// <summary>"sha256" from "manifest-sha256.txt" or "tagmanifest-sha256.txt", null for any other name.</summary>
    public static string? FromFileName(string bagPath, string prefix) =>
        !bagPath.Contains('/', StringComparison.Ordinal) && bagPath.StartsWith(prefix, StringComparison.Ordinal)
            && bagPath.EndsWith(".txt", StringComparison.Ordinal) && bagPath.Length > prefix.Length + 4
            ? bagPath[prefix.Length..^4]
            : null;

    /// <summary>"SHA-256", "SHA-1", "MD5": the name as people write it.</summary>
    public static string Display(string algorithm) => algorithm switch
    {
        "md5" => "MD5",
        "sha1" => "SHA-1",
        _ when algorithm.StartsWith("sha", StringComparison.Ordinal) => "SHA-" + algorithm[3..],
        _ => algorithm,
    };
}
