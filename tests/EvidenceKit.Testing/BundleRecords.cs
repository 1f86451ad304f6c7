using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Testing;

/// <summary>
/// Reads a sealed bundle's custody manifest for assertions, with its records: inline (schema v1, v2) or from
/// custody/files.jsonl (v3), whole, which only a test on a small bundle may do.
/// </summary>
public static class BundleRecords
{
    /// <summary>custody/manifest.json as parsed, its <see cref="CustodyManifest.Files"/> filled from the records file in v3.</summary>
    public static CustodyManifest Manifest(string bundleDir)
    {
        var manifest = ManifestJson.FromUtf8<CustodyManifest>(File.ReadAllBytes(Path.Combine(bundleDir, BundleLayout.ManifestJson)));
        return manifest.Records is null ? manifest : manifest with { Files = Files(bundleDir) };
    }

    /// <summary>Every record of custody/files.jsonl, in file order.</summary>
    public static IReadOnlyList<FileRecord> Files(string bundleDir) =>
        File.ReadAllLines(Path.Combine(bundleDir, BundleLayout.FileRecords))
            .Where(l => l.Length > 0)
            .Select(l => FileRecordLines.Parse(System.Text.Encoding.UTF8.GetBytes(l)))
            .ToList();
}
