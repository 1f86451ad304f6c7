using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Custody;

/// <summary>
/// The chain check's only way to the bundle: the snapshot's capped reads, each signature or token read once, and the
/// SHA-256 of any tag file a link names (from the verifier's hashing pass when it ran, else streamed once).
/// </summary>
internal sealed class ChainFiles(BagSnapshot snapshot, Func<string, string?>? knownSha256)
{
    private readonly Dictionary<string, byte[]> _small = new(StringComparer.Ordinal);

    public BagSnapshot Snapshot => snapshot;

    /// <summary>A signature or token, read once (null when absent); throws <see cref="BundleReaderException"/> when unreadable.</summary>
    public byte[]? Small(string bagPath)
    {
        if (!snapshot.Contains(bagPath))
        {
            return null;
        }
        if (!_small.TryGetValue(bagPath, out var bytes))
        {
            if (snapshot.NotReadable(bagPath) is { } problem)
            {
                throw new BundleReaderException(problem + ".");
            }
            _small[bagPath] = bytes = snapshot.ReadAll(bagPath, snapshot.Limits.MaxSignatureBytes);
        }
        return bytes;
    }

    /// <summary>SHA-256 of a regular tag file, or null when it is missing, not a regular file or unreadable.</summary>
    public string? Sha256(string bagPath)
    {
        if (BagPathRules.Problem(bagPath) is not null || BagPathRules.IsPayload(bagPath) || !snapshot.IsRegularFile(bagPath))
        {
            return null;
        }
        if (knownSha256?.Invoke(bagPath) is { } known)
        {
            return known;
        }
        try
        {
            using var stream = snapshot.Open(snapshot.Find(bagPath)!);
            return Hex.Lower(System.Security.Cryptography.SHA256.HashData(stream));
        }
        catch (Exception e) when (e is BundleReaderException or IOException)
        {
            return null;
        }
    }
}
