namespace EvidenceKit.Core.Verification;

/// <summary>Files hashed as one stream (one file, or the parts of a split file in order), with every algorithm asked for.</summary>
internal sealed record HashJob(string Key, IReadOnlyList<string> BagPaths, IReadOnlyCollection<string> Algorithms);
