namespace EvidenceKit.Core.Abstractions;

/// <summary>One entry of a target directory, as stored: a link is a <see cref="FileKind.Symlink"/>, not what it points to.</summary>
/// <param name="Name">The entry's name (not a path).</param>
/// <param name="Kind">What the entry is, never following a link.</param>
public sealed record TargetEntry(string Name, FileKind Kind);
