using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Before a resume copies anything, removes from a .partial whatever does not belong there: a link, a FIFO, a device,
/// a file no proven journal entry keeps, a directory where a file belongs. Each entry is removed by unlinking that
/// entry itself (never what a link points to), through the store's directory handles, so nothing outside the bundle
/// is read, written or deleted. Returns what it removed, for the log and the manifest's notes.
/// </summary>
internal sealed class PartialCleaner(ITargetStore store)
{
    private const int MaxDepth = 256;
    private const int MaxEntries = 10_000_000;
    private int _visited;

    private static readonly HashSet<string> RootFiles = new(StringComparer.Ordinal)
    {
        BundleLayout.ResumeInfo, BundleLayout.Journal, BundleLayout.BagitTxt, BundleLayout.BagInfoTxt, BundleLayout.PayloadManifest,
        BundleLayout.TagManifest, BundleLayout.VerifyTxt,
    };

    private static readonly HashSet<string> CustodyFiles = new(StringComparer.Ordinal)
    {
        "collection.log", "manifest.json", "manifest.json.p7s", "manifest.json.p7s.tsr", "files.jsonl",
    };

    /// <summary>Cleans <paramref name="partial"/>; <paramref name="keep"/> is true for the bag paths of proven copies under data/.</summary>
    /// <returns>Suspicious removals (links, special files, misplaced entries), each as "path (kind)".</returns>
    public (IReadOnlyList<string> Suspicious, int UnprovenCopies) Clean(string partial, Func<string, bool> keep)
    {
        var suspicious = new List<string>();
        var unproven = 0;
        foreach (var entry in store.ListEntries(partial))
        {
            var path = partial + "/" + entry.Name;
            var fits = entry.Name switch
            {
                BundleLayout.DataDir or BundleLayout.CustodyDir => entry.Kind == FileKind.Directory,
                _ => RootFiles.Contains(entry.Name) && entry.Kind == FileKind.Regular,
            };
            if (!fits)
            {
                Remove(path, entry, suspicious, entry.Name, 0);
            }
        }
        foreach (var entry in store.ListEntries(partial + "/" + BundleLayout.CustodyDir))
        {
            if (entry.Name == "events" && entry.Kind == FileKind.Directory)
            {
                // Events of an interrupted earlier seal: the seal writes them again.
                Remove($"{partial}/{BundleLayout.EventsDir}", entry, [], BundleLayout.EventsDir, 0);
            }
            else if (!CustodyFiles.Contains(entry.Name) || entry.Kind != FileKind.Regular)
            {
                Remove($"{partial}/{BundleLayout.CustodyDir}/{entry.Name}", entry, suspicious, $"{BundleLayout.CustodyDir}/{entry.Name}", 0);
            }
        }
        CleanData(partial, BundleLayout.DataDir, keep, suspicious, ref unproven, 0);
        return (suspicious, unproven);
    }

    private void CleanData(string partial, string relative, Func<string, bool> keep, List<string> suspicious, ref int unproven, int depth)
    {
        foreach (var entry in store.ListEntries(partial + "/" + relative))
        {
            Count();
            var rel = relative + "/" + entry.Name;
            switch (entry.Kind)
            {
                case FileKind.Directory when depth < MaxDepth:
                    CleanData(partial, rel, keep, suspicious, ref unproven, depth + 1);
                    break;
                case FileKind.Regular when keep(rel):
                    break;
                case FileKind.Regular:
                    // A copy the journal does not list, or one that was not proven: copied again if it is planned.
                    store.DeleteFile(partial + "/" + rel);
                    unproven++;
                    break;
                default:
                    Remove(partial + "/" + rel, entry, suspicious, rel, depth);
                    break;
            }
        }
    }

    private void Remove(string path, TargetEntry entry, List<string> suspicious, string shown, int depth)
    {
        Count();
        suspicious.Add($"{shown} ({FileKinds.Describe(entry.Kind)})");
        if (entry.Kind != FileKind.Directory)
        {
            store.DeleteFile(path);
            return;
        }
        if (depth >= MaxDepth)
        {
            throw new UnsafeTargetEntryException(path, $"directories nested deeper than {MaxDepth}");
        }
        foreach (var child in store.ListEntries(path))
        {
            Count();
            if (child.Kind == FileKind.Directory)
            {
                Remove(path + "/" + child.Name, child, [], shown, depth + 1);
            }
            else
            {
                store.DeleteFile(path + "/" + child.Name);
            }
        }
        store.DeleteDirectory(path);
    }

    private void Count()
    {
        if (++_visited > MaxEntries)
        {
            throw new UnsafeTargetEntryException("(partial bundle)", $"more than {MaxEntries} entries");
        }
    }
}
