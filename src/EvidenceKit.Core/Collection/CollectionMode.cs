namespace EvidenceKit.Core.Collection;

/// <summary>The two ways to collect (README.md, "Modes"; ARCHITECTURE.md).</summary>
public enum CollectionMode
{
    /// <summary>Fast and tolerant; hashed but not signed, copies not re-read.</summary>
    Analysis,

    /// <summary>Everything in analysis plus full metadata, write-then-re-read, fsync and a signed custody manifest.</summary>
    Prosecution,
}
