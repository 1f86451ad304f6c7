using System.Globalization;
using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification.Records;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Timeline.Bundles;

/// <summary>
/// The one place the timeline reads a bundle's manifest: <c>custody/manifest.json</c> (and, schema v3, the records in
/// <c>custody/files.jsonl</c> it binds), read through the bag snapshot
/// under the verifier's cap, and accepted only when its SHA-256 is the one the verification judged (so the records are
/// the verified ones). The host's clock offset is read from the raw JSON, tolerantly, so a manifest without it (or
/// with it in a later schema) reads the same.
/// </summary>
internal static class ManifestRecords
{
    /// <summary>Reads the facts of the bundle in <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The bag as listed.</param>
    /// <param name="verifiedSha256">The manifest's SHA-256 as the verifier read it, or null when it had none (the bundle is then unverified).</param>
    /// <exception cref="BundleReaderException">The manifest is missing, too large, changed since verification, or not a manifest.</exception>
    public static BundleFacts Read(BagSnapshot snapshot, string? verifiedSha256)
    {
        var bytes = snapshot.ReadAll(BundleLayout.ManifestJson, snapshot.Limits.ManifestJsonBytes(snapshot.PayloadFileCount));
        if (verifiedSha256 is not null && Hex.Sha256(bytes) != verifiedSha256)
        {
            throw new BundleReaderException($"{BundleLayout.ManifestJson} changed after it was verified.");
        }
        CustodyManifest manifest;
        double? offset;
        try
        {
            manifest = ManifestJson.FromUtf8<CustodyManifest>(bytes);
            offset = ClockOffset(bytes);
        }
        catch (JsonException e)
        {
            throw new BundleReaderException($"{BundleLayout.ManifestJson} could not be read: {e.Message}");
        }
        var files = Records(snapshot, manifest).Select(f => new EvidenceRecord
        {
            EvidenceId = f.Id,
            BagPath = f.BagPath,
            SourcePath = f.SourcePath,
            Sha256 = f.Sha256,
            Size = f.Size,
            Md5 = f.Md5,
            Mtime = Time(f.Mtime),
            Atime = Time(f.Atime),
            Ctime = Time(f.Ctime),
            Birthtime = Time(f.Birthtime),
            Mode = f.Mode,
            Uid = f.Uid,
            Gid = f.Gid,
            Inode = f.Inode,
            Parts = f.Parts,
        }).ToList();
        return new BundleFacts(manifest.BundleId.ToString(), manifest.Host.Hostname, manifest.Host.TimeZone, offset, files);
    }

    /// <summary>
    /// The per-file records: <c>files[]</c> of a v1/v2 manifest, or the lines of <c>custody/files.jsonl</c> that a v3
    /// manifest binds (read through the snapshot, bounded per line; a line that is not a record is left out, as the
    /// verifier has already judged the file).
    /// </summary>
    private static IEnumerable<FileRecord> Records(BagSnapshot snapshot, CustodyManifest manifest)
    {
        if (manifest.Records is not { } section)
        {
            return manifest.Files;
        }
        var reader = new RecordsFileReader(snapshot, section);
        if (!reader.CanRead())
        {
            throw new BundleReaderException($"{BundleLayout.FileRecords} could not be read: {string.Join("; ", reader.Problems)}");
        }
        return reader.Read(CancellationToken.None).Where(r => r.Record is not null).Select(r => r.Record!).ToList();
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    /// <summary><c>host.clockOffset.seconds</c> (or <c>host.clockOffset</c> as a bare number), when present and finite.</summary>
    private static double? ClockOffset(byte[] manifest)
    {
        using var document = JsonDocument.Parse(manifest, new JsonDocumentOptions { MaxDepth = 32 });
        if (!document.RootElement.TryGetProperty("host", out var host) || host.ValueKind != JsonValueKind.Object
            || !host.TryGetProperty("clockOffset", out var offset))
        {
            return null;
        }
        var seconds = offset.ValueKind == JsonValueKind.Object && offset.TryGetProperty("seconds", out var inner) ? inner : offset;
        return seconds.ValueKind == JsonValueKind.Number && seconds.TryGetDouble(out var value) && double.IsFinite(value)
            && Math.Abs(value) < TimeSpan.FromDays(3650).TotalSeconds
            ? value
            : null;
    }
}
