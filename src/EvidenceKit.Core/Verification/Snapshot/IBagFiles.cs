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

    /// <summary>
    /// Reads the listed regular file at <paramref name="bagPath"/> (UTF-8) whole into <paramref name="buffer"/>, with
    /// the same guarantees as <see cref="OpenRegular"/> (the file the walk listed with <paramref name="device"/> and
    /// <paramref name="inode"/>, no link followed, nothing else opened): the hashing of small files, where a stream per
    /// file would cost more than the file.
    /// </summary>
    /// <param name="bagPath">The entry's path as the walk listed it, in UTF-8.</param>
    /// <param name="device">The device the walk listed it on.</param>
    /// <param name="inode">The inode the walk listed it with.</param>
    /// <param name="length">The length the walk listed.</param>
    /// <param name="buffer">Where the bytes go.</param>
    /// <returns>The bytes read, or -1 when the file fills the buffer (it must be streamed with <see cref="OpenRegular"/>).</returns>
    int ReadWhole(ReadOnlySpan<byte> bagPath, ulong device, ulong inode, long length, Span<byte> buffer)
    {
        using var stream = OpenRegular(new BagEntry(System.Text.Encoding.UTF8.GetString(bagPath), BagEntryKind.RegularFile, length, null, device, inode));
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer[total..])) > 0)
        {
            total += read;
        }
        return total == buffer.Length ? -1 : total;
    }
}
