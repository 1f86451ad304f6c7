using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>What a journal says: the records before any bad line, and what was wrong with the lines that were not read.</summary>
/// <param name="Records">The finished files, in order, up to the first bad line.</param>
/// <param name="Broken">Why the journal is not one this tool wrote (a bad line with more after it), or null.</param>
/// <param name="TornLine">The number of an incomplete last line that was ignored (an interrupted write), or null.</param>
internal sealed record JournalContents(IReadOnlyList<FileRecord> Records, string? Broken, long? TornLine);
