namespace EvidenceKit.Core.Bundles;

/// <summary>The names of everything inside a bundle (a BagIt 1.0 bag), relative to the bag root.</summary>
public static class BundleLayout
{
    /// <summary>Suffix of a bundle directory that is still being written.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>BagIt declaration.</summary>
    public const string BagitTxt = "bagit.txt";

    /// <summary>BagIt metadata.</summary>
    public const string BagInfoTxt = "bag-info.txt";

    /// <summary>Payload manifest, <c>sha256sum -c</c> compatible.</summary>
    public const string PayloadManifest = "manifest-sha256.txt";

    /// <summary>Tag manifest over every tag file.</summary>
    public const string TagManifest = "tagmanifest-sha256.txt";

    /// <summary>Payload directory.</summary>
    public const string DataDir = "data";

    /// <summary>Custody directory.</summary>
    public const string CustodyDir = "custody";

    /// <summary>The custody manifest.</summary>
    public const string ManifestJson = "custody/manifest.json";

    /// <summary>Schema v3: the per-file records, one compact JSON record a line, bound by SHA-256 in manifest.json.</summary>
    public const string FileRecords = "custody/files.jsonl";

    /// <summary>Detached CMS signature over manifest.json.</summary>
    public const string ManifestSignature = "custody/manifest.json.p7s";

    /// <summary>RFC 3161 token over the signature bytes.</summary>
    public const string ManifestTimestamp = "custody/manifest.json.p7s.tsr";

    /// <summary>Acquisition log, one JSON event a line.</summary>
    public const string CollectionLog = "custody/collection.log";

    /// <summary>Custody chain events.</summary>
    public const string EventsDir = "custody/events";

    /// <summary>Standard commands that cross-check the bundle.</summary>
    public const string VerifyTxt = "VERIFY.txt";

    /// <summary>What a resume needs to re-plan the same collection (removed when sealed).</summary>
    public const string ResumeInfo = "resume.json";

    /// <summary>Journal of finished files while the bundle is partial (removed when sealed).</summary>
    public const string Journal = "journal.jsonl";
}
