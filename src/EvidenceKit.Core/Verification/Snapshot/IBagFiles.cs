namespace EvidenceKit.Core.Verification.Snapshot;

/// <summary>
/// The port through which the bag snapshot, and nothing else, touches a bundle: list every entry without following
/// links, and open a regular file that the listing found.
/// </summary>
public interface IBagFiles : IDisposable
{
    /// <summary>Every entry under the bag root, directories included, listed as the walk goes; links are listed, never followed or entered.</summary>
    IEnumerable<BagEntry> Walk(CancellationToken cancellationToken);

    /// <summary>
    /// Opens <paramref name="entry"/> (listed as a regular file) for reading without following a link and without
    /// blocking; throws <see cref="Bundles.BundleReaderException"/> when it is no longer that regular file.
    /// </summary>
    Stream OpenRegular(BagEntry entry);
}
