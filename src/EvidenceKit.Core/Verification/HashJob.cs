namespace EvidenceKit.Core.Verification;

/// <summary>Files to hash as one stream, in order (one file, or the parts of a split file), under a key.</summary>
internal sealed record HashJob(string Key, IReadOnlyList<string> BagPaths);
