namespace EvidenceKit.Core.Bundles.Manifest;

/// <summary>Hashes of the files written before the manifest, binding them to it.</summary>
public sealed record BagRecord
{
    /// <summary>SHA-256 of bagit.txt.</summary>
    public required string BagitTxtSha256 { get; init; }

    /// <summary>SHA-256 of bag-info.txt.</summary>
    public required string BagInfoTxtSha256 { get; init; }

    /// <summary>SHA-256 of manifest-sha256.txt.</summary>
    public required string ManifestSha256TxtSha256 { get; init; }

    /// <summary>SHA-256 of custody/collection.log.</summary>
    public required string CollectionLogSha256 { get; init; }

    /// <summary>BagIt Payload-Oxum: "octets.files".</summary>
    public required string PayloadOxum { get; init; }
}
