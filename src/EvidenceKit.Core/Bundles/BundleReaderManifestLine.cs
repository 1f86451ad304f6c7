namespace EvidenceKit.Core.Bundles;

/// <summary>One line of a BagIt manifest as read: where it was, the hash (lower-case hex) and the path.</summary>
internal sealed record BundleReaderManifestLine(long Line, string Hash, string Path);
