using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Custody;
using EvidenceKit.Core.Verification.Snapshot;

namespace EvidenceKit.Core.Verification.Checks;

/// <summary>
/// What one verification has learnt so far, shared by the checks in order: the snapshot they judge, the options, the
/// results, and what earlier checks read and parsed (each file is read once, by the check that owns it).
/// </summary>
internal sealed class VerificationContext(
    BagSnapshot snapshot,
    VerificationOptions options,
    ISignatureVerifier signatureVerifier,
    ITimestampVerifier? timestampVerifier,
    CancellationToken cancellationToken)
{
    public BagSnapshot Snapshot => snapshot;

    public VerificationOptions Options => options;

    public ISignatureVerifier SignatureVerifier => signatureVerifier;

    public ITimestampVerifier? TimestampVerifier => timestampVerifier;

    public CancellationToken CancellationToken => cancellationToken;

    public CheckList Checks { get; } = new();

    /// <summary>
    /// True when custody/manifest.json or a custody/ folder exists in any form: then the bag is judged as an EvidenceKit
    /// bundle (deleting the manifest does not turn a bundle into a plain bag).
    /// </summary>
    public bool Evidence { get; } = snapshot.Contains(BundleLayout.ManifestJson) || snapshot.Contains(BundleLayout.CustodyDir);

    /// <summary>The tag-file encoding bagit.txt declares (UTF-8 unless it says otherwise and can be honoured).</summary>
    public System.Text.Encoding TagEncoding { get; set; } = BagTextLines.StrictUtf8;

    public IReadOnlyList<BundleReaderField>? BagInfo { get; set; }

    public List<ManifestFile> PayloadManifests { get; } = [];

    public List<ManifestFile> TagManifests { get; } = [];

    private IReadOnlySet<string>? _addLeftovers;

    /// <summary>
    /// What a killed <c>custody add</c> left in custody/events (<see cref="Custody.CustodyAddLeftovers"/>): never read,
    /// no evidence, named in a warning. Asked for only after the tag manifests are read.
    /// </summary>
    public IReadOnlySet<string> AddLeftovers => _addLeftovers ??= Custody.CustodyAddLeftovers.Find(snapshot,
        TagManifests.Where(m => m.BagPath == BundleLayout.TagManifest).SelectMany(m => m.Lines).Select(l => l.Path)
            .ToHashSet(StringComparer.Ordinal));

    /// <summary>Paths that failed <see cref="BagPathRules"/>: never opened.</summary>
    public HashSet<string> UnsafePaths { get; } = new(StringComparer.Ordinal);

    /// <summary>fetch.txt entries whose file is not in the bag: the bag is INCOMPLETE.</summary>
    public List<string> Unfetched { get; } = [];

    /// <summary>The payload being hashed while later checks run (started after the manifests are read), until the hashing step takes it.</summary>
    public PayloadHashing? PayloadHashing { get; set; }

    /// <summary>What hashing the payload found (mismatches and unreadable files; nothing for a good file).</summary>
    public PayloadDigests Payload { get; set; } = PayloadDigests.None;

    /// <summary>Digests by job key: "t:" tag file, "c:" index of a split file's record.</summary>
    public IReadOnlyDictionary<string, HashResult> Hashes { get; set; } = new Dictionary<string, HashResult>();

    public long FilesHashed { get; set; }

    public long BytesHashed { get; set; }

    public CustodyManifest? Manifest { get; set; }

    /// <summary>What the one pass over the custody records found (null when there is no manifest to take them from).</summary>
    public Records.RecordFindings? RecordFindings { get; set; }

    public byte[]? ManifestBytes { get; set; }

    /// <summary>True when custody/manifest.json.p7s exists (in any form).</summary>
    public bool Signed { get; set; }

    public byte[]? SignatureBytes { get; set; }

    public SignatureVerification? Signature { get; set; }

    public TimestampVerification? ManifestTimestamp { get; set; }

    public CustodyChainResult? Chain { get; set; }

    public HashResult? HashOf(string prefix, string key) => Hashes.GetValueOrDefault(prefix + key);

    /// <summary>The SHA-256 of a tag file from the one hashing pass, or null when it was not hashed.</summary>
    public string? TagSha256(string bagPath) => HashOf("t:", bagPath)?.Sha256;
}
