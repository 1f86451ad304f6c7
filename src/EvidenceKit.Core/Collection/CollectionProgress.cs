namespace EvidenceKit.Core.Collection;

/// <summary>A snapshot of a running collection for the progress display.</summary>
/// <param name="FilesDone">Files finished (collected or failed).</param>
/// <param name="FilesTotal">Files in the plan.</param>
/// <param name="BytesDone">Bytes copied.</param>
/// <param name="BytesTotal">Bytes in the plan.</param>
/// <param name="Current">The file just finished.</param>
public sealed record CollectionProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, string? Current);
