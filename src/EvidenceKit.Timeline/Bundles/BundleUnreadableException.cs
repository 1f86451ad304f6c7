namespace EvidenceKit.Timeline.Bundles;

/// <summary>A bundle (or its manifest) could not be read for the timeline; the message says why.</summary>
internal sealed class BundleUnreadableException(string message, Exception inner) : IOException(message, inner);
