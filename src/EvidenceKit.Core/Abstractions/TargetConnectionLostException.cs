namespace EvidenceKit.Core.Abstractions;

/// <summary>
/// The connection to a network target was lost. Thrown by a stream that broke in the middle of a file (the file
/// is incomplete and must be written again from the start once the store has reconnected), by an operation that
/// is not safe to repeat, and when reconnecting failed after every retry.
/// </summary>
public sealed class TargetConnectionLostException(string message, Exception? inner = null) : IOException(message, inner);
