using EvidenceKit.Core.Bundles;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>One payload or tag manifest as read: its name, algorithm, and its lines, or why it could not be read.</summary>
internal sealed record ManifestFile(string BagPath, string Algorithm, IReadOnlyList<BundleReaderManifestLine> Lines, string? Problem)
{
    public bool Readable => Problem is null;
}
