namespace EvidenceKit.Core.Abstractions;

/// <summary>An open source file and what was known at the moment it was opened.</summary>
/// <param name="Stream">The read-only stream.</param>
/// <param name="AtimePreserved">True when the file was opened so that reading leaves its access time alone.</param>
/// <param name="AtOpen">Metadata taken from the open handle (fstat), so it describes exactly the file being read.</param>
public sealed record SourceStream(Stream Stream, bool AtimePreserved, SourceFileInfo AtOpen) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Stream.Dispose();
}
