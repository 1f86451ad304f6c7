using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Custody;

/// <summary>
/// What a <c>custody add</c> killed part-way leaves in custody/events (see <see cref="CustodyAddFiles"/>), so the
/// verifier can judge the bundle in its old state: regular files with exactly the temporary names an add for the next
/// event uses, and a signature or time-stamp token for that next event whose .json never arrived and which the tag
/// manifest does not list. Nothing else qualifies. They are never read, count as no evidence, and are named in a
/// warning; the next <c>custody add</c> removes them.
/// </summary>
internal static class CustodyAddLeftovers
{
    /// <summary>The bag paths of such leftovers in <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The bundle.</param>
    /// <param name="listedInTagManifest">Paths tagmanifest-sha256.txt lists (a listed file is never a leftover).</param>
    public static IReadOnlySet<string> Find(BagSnapshot snapshot, IReadOnlySet<string> listedInTagManifest)
    {
        var prefix = BundleLayout.EventsDir + "/";
        var names = snapshot.EntriesOutsidePayload()
            .Where(e => e.Kind == BagEntryKind.RegularFile && e.BagPath.StartsWith(prefix, StringComparison.Ordinal))
            .Select(e => e.BagPath[prefix.Length..])
            .Where(n => !n.Contains('/', StringComparison.Ordinal))
            .ToList();
        var last = names.Select(CustodyPaths.Parse).Where(p => p is { Role: CustodyFileRole.Event }).Select(p => p!.Value.Sequence)
            .DefaultIfEmpty(0).Max();
        var next = CustodyPaths.Event(last + 1)[prefix.Length..];
        string[] temporary =
        [
            CustodyAddFiles.TemporaryPrefix + next,
            CustodyAddFiles.TemporaryPrefix + next + ".p7s",
            CustodyAddFiles.TemporaryPrefix + next + ".p7s.tsr",
            CustodyAddFiles.TemporaryPrefix + BundleLayout.TagManifest,
        ];
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = prefix + name;
            var orphan = CustodyPaths.Parse(name) is { Role: not CustodyFileRole.Event } parsed && parsed.Sequence == last + 1
                && !listedInTagManifest.Contains(path);
            if ((temporary.Contains(name, StringComparer.Ordinal) || orphan) && !listedInTagManifest.Contains(path))
            {
                found.Add(path);
            }
        }
        return found;
    }
}
