using EvidenceKit.Timeline.Bundles;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// One evidence file in the timeline run, with its provenance: the bundle it is in, the manifest record, and what
/// reading it found. Events refer to it by <see cref="Ordinal"/>, so provenance is written once per file, not per event.
/// </summary>
internal sealed class EvidenceFile(int ordinal, TimelineBundle bundle, EvidenceRecord record)
{
    public int Ordinal => ordinal;

    public TimelineBundle Bundle => bundle;

    public EvidenceRecord Record => record;

    /// <summary>The parser chosen, or null when none fitted (or the file was not read).</summary>
    public string? Parser { get; set; }

    public long Events { get; set; }

    public long Unparsed { get; set; }

    /// <summary>Events outside --since/--until.</summary>
    public long OutsideWindow { get; set; }

    /// <summary>The compression found (gzip, xz, zstd, bzip2), or null.</summary>
    public string? Compression { get; set; }

    /// <summary>What went wrong or is worth knowing (no parser, decompression bound, read error, changed since verification).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>True when the bytes read did not hash to the manifest's SHA-256: the file changed after verification.</summary>
    public bool Changed { get; set; }

    /// <summary>The verdict written on this file's events.</summary>
    public string Verdict => Changed ? "unverified" : bundle.Verdict;
}
