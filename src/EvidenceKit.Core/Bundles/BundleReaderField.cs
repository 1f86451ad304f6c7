namespace EvidenceKit.Core.Bundles;

/// <summary>One "Label: value" field of bag-info.txt, with the line it starts on.</summary>
internal sealed record BundleReaderField(long Line, string Label, string Value);
