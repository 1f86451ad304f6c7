namespace EvidenceKit.Core.Abstractions;

/// <summary>A source path could not be opened, listed or read; the run records it and goes on.</summary>
/// <param name="path">The host path (a raw string when its bytes are not UTF-8).</param>
/// <param name="reason">Why, in words.</param>
/// <param name="fault">The kind of fault.</param>
/// <param name="inner">The underlying exception, if any.</param>
public sealed class SourceFileException(string path, string reason, SourceFault fault, Exception? inner = null)
    : IOException($"{Text.RawNames.Readable(path)}: {reason}", inner)
{
    /// <summary>The host path.</summary>
    public string Path { get; } = path;

    /// <summary>Why, in words.</summary>
    public string Reason { get; } = reason;

    /// <summary>The kind of fault.</summary>
    public SourceFault Fault { get; } = fault;
}
