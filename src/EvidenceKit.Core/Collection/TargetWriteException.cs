namespace EvidenceKit.Core.Collection;

/// <summary>
/// Writing to the target failed (full, gone, I/O error). The run cannot go on; the bundle stays partial with its
/// journal so that it can be resumed.
/// </summary>
public sealed class TargetWriteException(string message, Exception? inner = null) : IOException(message, inner);
