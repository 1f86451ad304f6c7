using System.Text.Json.Serialization;

namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>
/// Why a planned or matched file is not in the bundle. In the manifest it is the record's "outcome", in kebab case
/// ("permission-denied", "special-file", ...); bundles made before it have no outcome, only the reason in words.
/// </summary>
[JsonConverter(typeof(SkipOutcomeJson))]
public enum SkipOutcome
{
    /// <summary>Permission denied (on the file or on a directory above it).</summary>
    PermissionDenied,

    /// <summary>The file disappeared between listing and reading.</summary>
    Vanished,

    /// <summary>It stopped being a regular file (a FIFO, socket, device or link swapped in).</summary>
    NotRegular,

    /// <summary>An I/O error while reading or writing it.</summary>
    IoError,

    /// <summary>Larger than a bounded read allows.</summary>
    TooLarge,

    /// <summary>Too many symbolic links while resolving the path (a link loop).</summary>
    Loop,

    /// <summary>A name or the whole path is longer than the kernel accepts.</summary>
    NameTooLong,

    /// <summary>A directory was expected and something else was found.</summary>
    NotDirectory,

    /// <summary>The copy read back from the target did not match what was read from the source.</summary>
    CopyMismatch,

    /// <summary>The run stopped before the copy was finished.</summary>
    NotFinished,

    /// <summary>A FIFO, socket or device, never opened (policy, not a failure).</summary>
    SpecialFile,

    /// <summary>A symbolic link, not followed (excluded).</summary>
    SymbolicLink,

    /// <summary>Larger than --max-file-size (excluded).</summary>
    OverMaxFileSize,

    /// <summary>Left out by --max-total-size (excluded).</summary>
    OverMaxTotalSize,

    /// <summary>Last modified before --since (excluded).</summary>
    BeforeSince,

    /// <summary>Created after --until (excluded).</summary>
    AfterUntil,
}

