namespace EvidenceKit.Core.Verification;

/// <summary>SHA-256 (lower-case hex) and length of what a <see cref="HashJob"/> read, or why it could not be read.</summary>
internal sealed record HashResult(string? Sha256, long Length, string? Error);
