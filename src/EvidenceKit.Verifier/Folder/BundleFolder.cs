using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Verifier.Folder;

/// <summary>
/// A folder that holds bundles (a fleet's evidence folder): a directory with none of a bag's own entries at its top.
/// Its entries are listed without following anything: a link, FIFO, socket or device is named, never opened.
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

    /// <summary>The folder's entries by name (ordinal), each with what it is; nothing is followed or opened.</summary>
    /// <exception cref="InvalidDataException">The folder lists more than <see cref="MaxEntries"/> entries.</exception>
    public static IReadOnlyList<FolderEntry> List(string folder)
    {
        var entries = new List<FolderEntry>();
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false, ReturnSpecialDirectories = false };
        foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
        {
            if (entries.Count == MaxEntries)
            {
                throw new InvalidDataException($"the folder lists more than {MaxEntries} entries");
            }
            entries.Add(new FolderEntry(info.Name, info.FullName, Describe(info)));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    /// <summary>
    /// Null for a real directory (a bundle candidate), else why it is not verified. Asked again just before an entry
    /// is verified, so a directory swapped for a link after the listing is not followed either.
    /// </summary>
    public static string? NotABundle(string path)
    {
        if (IsLink(path))
        {
            return LinkNotFollowed;
        }
        if (Directory.Exists(path))
        {
            return null;
        }
        return File.Exists(path) ? NotADirectory : "it vanished before it could be verified";
    }

    private const string LinkNotFollowed = "a symbolic link; not followed";
    private const string NotADirectory = "not a directory (a file, FIFO, socket or device); not opened";

    private static string? Describe(FileSystemInfo info)
    {
        if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            return LinkNotFollowed;
        }
        return info is DirectoryInfo ? null : NotADirectory;
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
