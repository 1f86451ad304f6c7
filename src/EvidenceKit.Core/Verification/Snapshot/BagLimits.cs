namespace EvidenceKit.Core.Verification.Snapshot;

/// <summary>
/// Every cap the verifier applies to what it reads, in one place. No cap is fixed where a genuine bundle could exceed
/// it: caps on manifests scale with what the walk found in the bag (a manifest lists at most the files there are, plus
/// a little slack so that a few extra lines are reported as findings rather than refused), so time and memory stay
/// linear in the number of entries while a hostile 10-million-line manifest or a 300 MB manifest.json in a small bag
/// is refused after reading only what the bag can need.
/// </summary>
internal sealed record BagLimits
{
    /// <summary>Extra manifest lines tolerated beyond the files found, so a few planted lines are findings, not a refusal.</summary>
    public long SlackLines { get; init; } = 1024;

    /// <summary>Longest line of a manifest or other tag file, in bytes (a 4096-byte path, percent-encoded, fits).</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;

    /// <summary>custody/manifest.json: this much plus <see cref="ManifestJsonBytesPerFile"/> for each payload file.</summary>
    public long ManifestJsonBaseBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>The most one file's record in manifest.json can take (two 4096-byte paths, fully escaped, and hashes).</summary>
    public long ManifestJsonBytesPerFile { get; init; } = 64L * 1024;

    /// <summary>A signature (.p7s) or time-stamp token (.tsr): certificates and chains, never more.</summary>
    public long MaxSignatureBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>One custody event (.json).</summary>
    public long MaxEventBytes { get; init; } = 1024 * 1024;

    /// <summary>bagit.txt: two short lines.</summary>
    public long MaxDeclarationBytes { get; init; } = 64 * 1024;

    /// <summary>bag-info.txt lines; the collector writes a dozen, other tools a few hundred.</summary>
    public long MaxBagInfoLines { get; init; } = 100_000;

    /// <summary>The most lines a payload manifest or fetch.txt may have: one a payload file, plus slack.</summary>
    public long PayloadManifestLines(long payloadFiles) => payloadFiles + SlackLines;

    /// <summary>The most lines a tag manifest may have: one a tag file, plus slack.</summary>
    public long TagManifestLines(long tagFiles) => tagFiles + SlackLines;

    /// <summary>The largest manifest.json a bag with <paramref name="payloadFiles"/> files can need.</summary>
    public long ManifestJsonBytes(long payloadFiles) => ManifestJsonBaseBytes + (payloadFiles * ManifestJsonBytesPerFile);
}
