namespace EvidenceKit.Core.Abstractions;

/// <summary>Why a source path could not be read.</summary>
public enum SourceFault
{
    /// <summary>Permission denied (on the file or on a directory above it).</summary>
    PermissionDenied,
    /// <summary>The file disappeared between planning and reading.</summary>
    Vanished,
    /// <summary>Not a regular file (FIFO, socket, device, or a link swapped in).</summary>
    NotRegular,
    /// <summary>An I/O error.</summary>
    IoError,
    /// <summary>Larger than the caller's cap for a bounded read.</summary>
    TooLarge,
    /// <summary>Too many symbolic links while resolving the path (a link loop).</summary>
    Loop,
    /// <summary>A name or the whole path is longer than the kernel accepts.</summary>
    NameTooLong,
    /// <summary>A directory was expected and something else was found.</summary>
    NotDirectory,
}
