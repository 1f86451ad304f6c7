using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>What the sealer writes into the tag files, besides the payload already in data/.</summary>
/// <param name="PartialDir">The bundle's directory while being written (…​.partial).</param>
/// <param name="FinalDir">The sealed name.</param>
/// <param name="Manifest">The custody manifest without its <c>bag</c> record (the sealer fills it in).</param>
/// <param name="BagInfo">bag-info.txt fields besides Payload-Oxum and Bagging-Date.</param>
public sealed record SealInput(
    string PartialDir,
    string FinalDir,
    CustodyManifest Manifest,
    IReadOnlyList<KeyValuePair<string, string>> BagInfo);
