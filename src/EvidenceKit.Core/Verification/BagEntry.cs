namespace EvidenceKit.Core.Verification;

/// <summary>One entry found in the bag: its bag path ('/' separated), kind, length (regular files) and link target.</summary>
internal sealed record BagEntry(string BagPath, BagEntryKind Kind, long Length, string? LinkTarget);
