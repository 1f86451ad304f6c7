namespace EvidenceKit.Core.Abstractions;

/// <summary>The time-stamp authority could not be reached or refused the request.</summary>
public sealed class TimestampException(string message, Exception? inner = null) : Exception(message, inner);
