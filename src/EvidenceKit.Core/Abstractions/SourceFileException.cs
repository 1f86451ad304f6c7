namespace EvidenceKit.Core.Abstractions;

/// <summary>A source file could not be opened or read; the run records it and goes on.</summary>
public sealed class SourceFileException(string path, string reason, SourceFault fault, Exception? inner = null)
    : IOException($"{path}: {reason}", inner)
{
    /// <summary>The source path.</summary>
    public string Path { get; } = path;

    /// <summary>Why, in words.</summary>
    public string Reason { get; } = reason;

    /// <summary>The kind of fault.</summary>
    public SourceFault Fault { get; } = fault;
}
