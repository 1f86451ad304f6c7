namespace EvidenceKit.Core.Abstractions;

/// <summary>One entry of a source directory, as read from the directory itself (links are not followed).</summary>
/// <param name="Name">The entry's name; a raw name (see <see cref="Text.RawNames"/>) when its bytes are not UTF-8.</param>
/// <param name="Kind">What the entry is, without following a link.</param>
public sealed record SourceEntry(string Name, FileKind Kind);
