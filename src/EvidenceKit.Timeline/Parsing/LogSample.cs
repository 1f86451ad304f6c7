namespace EvidenceKit.Timeline.Parsing;

/// <summary>What a parser may look at to decide whether it fits a file.</summary>
/// <param name="FileName">The log's base name with rotation (<c>.1</c>, <c>-20261201</c>) and compression suffixes removed, e.g. <c>access.log</c>.</param>
/// <param name="SourcePath">The path on the source host, as the manifest records it (readable form).</param>
/// <param name="Head">Up to the first 4 KiB of the decompressed content.</param>
public sealed record LogSample(string FileName, string SourcePath, ReadOnlyMemory<byte> Head);
