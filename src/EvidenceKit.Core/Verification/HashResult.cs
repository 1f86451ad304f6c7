namespace EvidenceKit.Core.Verification;

/// <summary>The digests of one hash job (lower-case hex by algorithm), the bytes read, or why it could not be read.</summary>
internal sealed record HashResult(IReadOnlyDictionary<string, string> Digests, long Length, string? Error)
{
    public string? Sha256 => Digests.GetValueOrDefault("sha256");

    public static HashResult Failed(string error) => new(new Dictionary<string, string>(), 0, error);
}
