namespace EvidenceKit.Core.Verification;

/// <summary>What an entry in the bag is, as lstat sees it (links are never followed).</summary>
internal enum BagEntryKind
{
    RegularFile,
    Directory,
    SymbolicLink,
    Special,
    BadName,
}
