namespace EvidenceKit.Core.Abstractions;

/// <summary>Why a source file could not be read.</summary>
public enum SourceFault
{
    /// <summary>Permission denied.</summary>
    PermissionDenied,
    /// <summary>The file disappeared between planning and reading.</summary>
    Vanished,
    /// <summary>Not a regular file (FIFO, socket, device, or a link swapped in).</summary>
    NotRegular,
    /// <summary>An I/O error.</summary>
    IoError,
}
