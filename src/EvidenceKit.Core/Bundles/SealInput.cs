using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Bundles;

/// <summary>What the sealer writes into the tag files, besides the payload already in data/.</summary>
/// <param name="PartialDir">The bundle's directory while being written (…​.partial).</param>
/// <param name="FinalDir">The sealed name.</param>
/// <param name="Manifest">The custody manifest without its <c>bag</c> record (the sealer fills it in).</param>
/// <param name="BagInfo">bag-info.txt fields besides Payload-Oxum and Bagging-Date.</param>
/// <param name="Records">
/// The collected files' records, enumerated once while custody/files.jsonl is written (the collector streams them from
/// its journal); null takes the manifest's <see cref="CustodyManifest.Files"/>.
/// </param>
/// <param name="Lines">The records as their lines, used instead of <paramref name="Records"/> when given.</param>
public sealed record SealInput(
    string PartialDir,
    string FinalDir,
    CustodyManifest Manifest,
    IReadOnlyList<KeyValuePair<string, string>> BagInfo,
    IEnumerable<FileRecord>? Records = null,
    IEnumerable<RecordLine>? Lines = null);
