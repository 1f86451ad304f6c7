namespace EvidenceKit.Core.Abstractions;

/// <summary>
/// Read-only access to the evidence source, asking the OS for more than <see cref="System.IO.Abstractions.IFileSystem"/>
/// offers: lstat/statx metadata and opening without updating the access time.
/// </summary>
public interface ISourceFiles
{
    /// <summary>Metadata of <paramref name="path"/> without following a final symlink; null when it does not exist.</summary>
    SourceFileInfo? Stat(string path);

    /// <summary>Opens a regular file read-only (O_NOATIME where the OS allows; see <see cref="SourceStream.AtimePreserved"/>).</summary>
    SourceStream OpenRead(string path);
}
