using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Custody;

/// <summary>
/// How <c>custody add</c> puts an event into a sealed bundle so that a kill at any instant leaves a bundle that verifies.
/// Every file is first written under a temporary name in custody/events (<see cref="TemporaryPrefix"/>), fsynced; then the
/// signature and timestamp are renamed into place, then the event .json (from here the new event is complete and signed),
/// the directory is flushed, and last the new tag manifest replaces the old in one rename. What a killed add leaves is
/// removed by the next add: temporary files, and a trailing signature or timestamp whose event .json never arrived.
/// Verifier rule that goes with it: <c>custody/events/.add-tmp-*</c> and such trailing, unlisted orphans are leftovers of an
/// interrupted add (a warning, never read); event files a valid signature covers need not be in the tag manifest.
/// </summary>
internal sealed class CustodyAddFiles(ITargetStore store)
{
    /// <summary>Names of temporary files an add writes in custody/events.</summary>
    public const string TemporaryPrefix = ".add-tmp-";

    private const int MaxTagManifestBytes = 64 * 1024 * 1024;
    private const int Sha256HexDigits = 64;

    /// <summary>Removes what a killed earlier add left; returns the removed names.</summary>
    public IReadOnlyList<string> RemoveLeftovers(IReadOnlySet<string> listedInTagManifest)
    {
        var removed = new List<string>();
        var entries = store.ListEntries(BundleLayout.EventsDir);
        var events = entries.Select(e => CustodyPaths.Parse(e.Name)).Where(p => p is { Role: CustodyFileRole.Event }).Select(p => p!.Value.Sequence).ToHashSet();
        var last = events.DefaultIfEmpty(0).Max();
        foreach (var entry in entries)
        {
            var path = $"{BundleLayout.EventsDir}/{entry.Name}";
            var parsed = CustodyPaths.Parse(entry.Name);
            var temporary = entry.Name.StartsWith(TemporaryPrefix, StringComparison.Ordinal) && entry.Kind != FileKind.Directory;
            var orphan = parsed is { Role: not CustodyFileRole.Event } p && p.Sequence == last + 1 && !listedInTagManifest.Contains(path);
            if (temporary || orphan)
            {
                store.DeleteFile(path);
                removed.Add(path);
            }
        }
        if (removed.Count > 0)
        {
            store.FlushDirectory(BundleLayout.EventsDir);
        }
        return removed;
    }

    /// <summary>The highest event number in custody/events (0 when there is none).</summary>
    public int LastSequence() => store.ListEntries(BundleLayout.EventsDir)
        .Where(e => e.Kind == FileKind.Regular)
        .Select(e => CustodyPaths.Parse(e.Name))
        .Where(p => p is { Role: CustodyFileRole.Event })
        .Select(p => p!.Value.Sequence)
        .DefaultIfEmpty(0)
        .Max();

    /// <summary>The tag manifest's lines as (path, hash).</summary>
    /// <exception cref="InvalidDataException">A line is not "HASH  PATH".</exception>
    public List<(string Path, string Sha256)> ReadTagManifest()
    {
        var text = BagItText.Utf8.GetString(BoundedTargetReads.ReadAll(store, BundleLayout.TagManifest, MaxTagManifestBytes));
        var lines = new List<(string, string)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var cut = line.IndexOf(' ', StringComparison.Ordinal);
            if (cut != Sha256HexDigits || !line[..cut].All(char.IsAsciiHexDigit))
            {
                throw new InvalidDataException($"{BundleLayout.TagManifest} has a line that is not 'SHA-256  path'");
            }
            lines.Add((line[cut..].TrimStart(' ', '*'), line[..cut].ToLowerInvariant()));
        }
        return lines;
    }

    /// <summary>Writes the event's files and the new tag manifest under temporary names, then publishes them in the safe order.</summary>
    /// <returns>False when an event with this number appeared meanwhile (someone else added one); nothing of ours is left then.</returns>
    public bool Publish(int sequence, byte[] eventBytes, byte[] signature, byte[]? token, List<(string Path, string Sha256)> tagLines)
    {
        store.CreateDirectory(BundleLayout.EventsDir);
        var files = new List<(string Final, byte[] Bytes)> { (CustodyPaths.Signature(sequence), signature) };
        if (token is not null)
        {
            files.Add((CustodyPaths.Timestamp(sequence), token));
        }
        files.Add((CustodyPaths.Event(sequence), eventBytes));

        var listed = tagLines.Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in store.ListEntries(BundleLayout.EventsDir))
        {
            // Event files a killed earlier add published but could not list yet (their signature covers them).
            var path = $"{BundleLayout.EventsDir}/{entry.Name}";
            if (entry.Kind == FileKind.Regular && CustodyPaths.Parse(entry.Name) is not null && !listed.Contains(path))
            {
                using var existing = store.OpenRead(path);
                tagLines.Add((path, Hex.Sha256(existing)));
            }
        }
        tagLines.RemoveAll(l => files.Any(f => f.Final == l.Path));
        tagLines.AddRange(files.Select(f => (f.Final, Hex.Sha256(f.Bytes))));
        var tagManifest = BagItText.Utf8.GetBytes(BagItText.Manifest(tagLines));

        foreach (var (final, bytes) in files)
        {
            WriteDurably(Temporary(final), bytes);
        }
        var tagTemporary = $"{BundleLayout.EventsDir}/{TemporaryPrefix}{BundleLayout.TagManifest}";
        WriteDurably(tagTemporary, tagManifest);
        store.FlushDirectory(BundleLayout.EventsDir);

        foreach (var (final, _) in files)
        {
            try
            {
                store.Move(Temporary(final), final);
            }
            catch (IOException) when (store.Exists(final))
            {
                foreach (var (other, _) in files)
                {
                    store.DeleteFile(Temporary(other));
                }
                store.DeleteFile(tagTemporary);
                return false;
            }
        }
        store.FlushDirectory(BundleLayout.EventsDir);
        store.Replace(tagTemporary, BundleLayout.TagManifest);
        store.FlushDirectory("");
        store.FlushDirectory(BundleLayout.EventsDir);
        return true;
    }

    private static string Temporary(string final) =>
        $"{BundleLayout.EventsDir}/{TemporaryPrefix}{final[(BundleLayout.EventsDir.Length + 1)..]}";

    private void WriteDurably(string path, byte[] bytes)
    {
        using var stream = store.Create(path);
        stream.Write(bytes);
        store.Flush(stream);
    }
}
