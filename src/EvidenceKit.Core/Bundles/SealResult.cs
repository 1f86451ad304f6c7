using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>What sealing produced.</summary>
/// <param name="Manifest">The custody manifest as written and signed.</param>
/// <param name="Warnings">What the user must know about the seal (for example: no trusted timestamp).</param>
public sealed record SealResult(CustodyManifest Manifest, IReadOnlyList<string> Warnings);
