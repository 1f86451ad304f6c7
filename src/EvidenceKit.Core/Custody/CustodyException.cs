namespace EvidenceKit.Core.Custody;

/// <summary>A custody event cannot be added; the message says why and what to do, in one sentence.</summary>
public sealed class CustodyException(string message, Exception? inner = null) : Exception(message, inner);
