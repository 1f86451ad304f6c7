namespace EvidenceKit.Core.Verification;

/// <summary>The names of the checks, as they appear in reports.</summary>
public static class CheckNames
{
    /// <summary>The path is a bundle directory.</summary>
    public const string Bundle = "bundle";

    /// <summary>No symbolic link, FIFO, socket or device anywhere in the bag.</summary>
    public const string SpecialFiles = "special-files";

    /// <summary>bagit.txt declares BagIt 1.0 (or 0.97 in a plain bag) and a tag-file encoding; exactly the collector's in a bundle.</summary>
    public const string BagItDeclaration = "bagit-declaration";

    /// <summary>bag-info.txt parses and its Payload-Oxum matches the payload.</summary>
    public const string BagInfo = "bag-info";

    /// <summary>Which payload manifests exist: SHA-256/384/512 count, MD5 and SHA-1 are checked but weak.</summary>
    public const string HashAlgorithms = "hash-algorithms";

    /// <summary>Every payload manifest is well-formed and no longer than the bag can need.</summary>
    public const string PayloadManifest = "payload-manifest";

    /// <summary>No path in any manifest escapes the bag or its folder.</summary>
    public const string SafePaths = "safe-paths";

    /// <summary>No path is listed twice, also not after NFC and case folding.</summary>
    public const string DuplicateEntries = "duplicate-entries";

    /// <summary>Every listed payload file exists with the right size and SHA-256.</summary>
    public const string PayloadFiles = "payload-files";

    /// <summary>No file in data/ that the manifest does not list.</summary>
    public const string UnlistedFiles = "unlisted-files";

    /// <summary>Every tag manifest line matches; in a bundle tagmanifest-sha256.txt lists every tag file.</summary>
    public const string TagManifest = "tag-manifest";

    /// <summary>custody/manifest.json exists, is within limits and parses (duplicate keys rejected).</summary>
    public const string CustodyManifest = "custody-manifest";

    /// <summary>manifest.json files[] agrees exactly with manifest-sha256.txt.</summary>
    public const string CustodyFiles = "custody-manifest-files";

    /// <summary>manifest.json's bag record agrees with the tag files it binds.</summary>
    public const string CustodyBag = "custody-manifest-bag";

    /// <summary>The detached CMS signature over manifest.json verifies.</summary>
    public const string Signature = "signature";

    /// <summary>The signer is trusted by the verifier's policy.</summary>
    public const string SignerTrust = "signer-trust";

    /// <summary>The RFC 3161 timestamp over the signature.</summary>
    public const string Timestamp = "timestamp";

    /// <summary>The custody chain events.</summary>
    public const string CustodyChain = "custody-chain";

    /// <summary>The bundle was sealed (not a .partial).</summary>
    public const string Sealed = "sealed";

    /// <summary>A partial bundle's finished files (journal.jsonl) are intact.</summary>
    public const string Journal = "journal";

    /// <summary>fetch.txt: listed files are in the bag (nothing is fetched); otherwise the bag is INCOMPLETE.</summary>
    public const string Fetch = "fetch";

    /// <summary>In a signed bundle every file outside data/ is covered by a signature.</summary>
    public const string Coverage = "coverage";
}
