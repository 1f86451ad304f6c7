using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Custody;

/// <summary>
/// An event's <c>previous</c> list: it must start with the links the chain requires (event 1: manifest.json and its
/// signature; event n: event n-1's .json), each with the right SHA-256. Further links (event 1 of a v2 bundle links
/// the manifest's time-stamp token and VERIFY.txt) must each name a distinct tag file in the bag with its exact
/// SHA-256: a signed event then covers those files.
/// </summary>
internal static class CustodyChainLinks
{
    public static void Check(ChainFiles files, string path, int n, CustodyEvent e, byte[]? previousBytes, byte[]? manifestBytes, List<string> problems)
    {
        IReadOnlyList<CustodyLink> required;
        if (n == 1)
        {
            if (manifestBytes is null)
            {
                problems.Add($"{path}: its links cannot be checked because {BundleLayout.ManifestJson} could not be read");
                return;
            }
            byte[]? signature;
            try
            {
                signature = files.Small(BundleLayout.ManifestSignature);
            }
            catch (BundleReaderException)
            {
                signature = null;
            }
            if (signature is null)
            {
                problems.Add($"{path}: its links cannot be checked because {BundleLayout.ManifestSignature} could not be read");
                return;
            }
            required = CustodyEventBuilder.FirstLinks(manifestBytes, signature);
        }
        else if (previousBytes is null)
        {
            // The gap or unreadable previous event is already reported.
            return;
        }
        else
        {
            required = CustodyEventBuilder.NextLinks(n - 1, previousBytes);
        }
        var shown = string.Join(", ", e.Previous.Select(l => $"{Show(l.Path)} {l.Sha256}"));
        if (e.Previous.Count < required.Count)
        {
            problems.Add($"{path}: previous lists {e.Previous.Count} files ({shown}); expected {string.Join(", ", required.Select(l => $"{l.Path} {l.Sha256}"))}");
            return;
        }
        for (var i = 0; i < required.Count; i++)
        {
            var link = e.Previous[i];
            if (link.Path != required[i].Path)
            {
                problems.Add($"{path}: previous[{i}] names {Show(link.Path)}, expected {required[i].Path}");
            }
            else if (!string.Equals(link.Sha256, required[i].Sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{path}: previous[{i}] says {link.Path} has SHA-256 {link.Sha256}, but it has {required[i].Sha256} (the chain is broken)");
            }
        }
        var seen = required.Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        for (var i = required.Count; i < e.Previous.Count; i++)
        {
            var link = e.Previous[i];
            if (!seen.Add(link.Path))
            {
                problems.Add($"{path}: previous[{i}] names {Show(link.Path)} twice");
            }
            else if (BagPathRules.Problem(link.Path) is not null || BagPathRules.IsPayload(link.Path)
                || BagHashAlgorithms.FromFileName(link.Path, "tagmanifest-") is not null)
            {
                problems.Add($"{path}: previous[{i}] names {Show(link.Path)}, which an event may not link");
            }
            else if (files.Sha256(link.Path) is not { } actual)
            {
                problems.Add($"{path}: previous[{i}] names {Show(link.Path)}, which is not a readable file in the bundle");
            }
            else if (!string.Equals(actual, link.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{path}: previous[{i}] says {Show(link.Path)} has SHA-256 {link.Sha256}, but it has {actual} (changed after it was signed)");
            }
        }
    }

    private static string Show(string? text) => CheckList.Show(text ?? "(null)");
}
