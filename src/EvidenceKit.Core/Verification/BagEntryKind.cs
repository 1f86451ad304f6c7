namespace EvidenceKit.Core.Verification;

/// <summary>What an entry in the bag is, as lstat sees it (links are never followed).</summary>
public enum BagEntryKind
{
    /// <summary>A regular file, the only kind ever opened.</summary>
    RegularFile,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (never followed).</summary>
    SymbolicLink,

    /// <summary>A FIFO, socket or device (never opened).</summary>
    Special,

    /// <summary>A name that is not valid UTF-8 (never opened).</summary>
    BadName,
}
