using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// A folder that holds bundles (a fleet's evidence folder): a directory with none of a bag's own entries at its top.
/// Its entries are listed and opened through <see cref="FolderHandle"/>: a link, FIFO, socket or device is named, never opened.
/// </summary>
internal static class BundleFolder
{
    private static readonly string[] BagMarkers =
    [
        BundleLayout.BagitTxt, BundleLayout.DataDir, BundleLayout.PayloadManifest, BundleLayout.TagManifest,
        BundleLayout.CustodyDir, BundleLayout.Journal, "bag-info.txt",
    ];

    /// <summary>The most entries a folder may list; more is refused rather than read for ever.</summary>
    public const int MaxEntries = 100_000;

    /// <summary>
    /// True when <paramref name="path"/> is a directory that is not itself a bundle or bag: its name does not end in
    /// .partial and it has no bagit.txt, data/, manifests, custody/ or journal at its top.
    /// </summary>
    public static bool IsFolderOfBundles(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (!Directory.Exists(full) || full.EndsWith(BundleLayout.PartialSuffix, StringComparison.Ordinal))
        {
            return false;
        }
        return !BagMarkers.Any(marker => Path.Exists(Path.Combine(full, marker)) || IsLink(Path.Combine(full, marker)));
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
