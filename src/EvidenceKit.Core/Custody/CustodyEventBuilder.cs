using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Core.Custody;

/// <summary>Makes the next event of a chain: its links to what came before, its time and its actor.</summary>
internal static class CustodyEventBuilder
{
    /// <summary>Event 1 follows the signed manifest: both manifest.json and its signature are linked.</summary>
    public static IReadOnlyList<CustodyLink> FirstLinks(ReadOnlySpan<byte> manifestJson, ReadOnlySpan<byte> manifestSignature) =>
    [
        new CustodyLink { Path = BundleLayout.ManifestJson, Sha256 = Hex.Sha256(manifestJson) },
        new CustodyLink { Path = BundleLayout.ManifestSignature, Sha256 = Hex.Sha256(manifestSignature) },
    ];

    /// <summary>
    /// The sealed event 000001 made at sealing links every tag file written after the manifest was signed, so a signature
    /// covers them: manifest.json, its signature, its timestamp (when there is one) and VERIFY.txt.
    /// </summary>
    public static IReadOnlyList<CustodyLink> SealedLinks(byte[] manifestJson, byte[] manifestSignature, byte[]? manifestTimestamp, byte[] verifyTxt)
    {
        var links = new List<CustodyLink>(FirstLinks(manifestJson, manifestSignature));
        if (manifestTimestamp is not null)
        {
            links.Add(new CustodyLink { Path = BundleLayout.ManifestTimestamp, Sha256 = Hex.Sha256(manifestTimestamp) });
        }
        links.Add(new CustodyLink { Path = BundleLayout.VerifyTxt, Sha256 = Hex.Sha256(verifyTxt) });
        return links;
    }

    /// <summary>Event n follows event n-1's .json file.</summary>
    public static IReadOnlyList<CustodyLink> NextLinks(int previousSequence, ReadOnlySpan<byte> previousEvent) =>
        [new CustodyLink { Path = CustodyPaths.Event(previousSequence), Sha256 = Hex.Sha256(previousEvent) }];

    public static CustodyEvent Build(Guid bundleId, int sequence, IReadOnlyList<CustodyLink> previous, DateTimeOffset time,
        CustodyEventDetails details, SignerIdentity signer, CustodyVerificationRecord? verification) => new()
    {
        BundleId = bundleId,
        Sequence = sequence,
        Previous = previous,
        Time = Timestamps.Format(time),
        Kind = details.Kind,
        Actor = new CustodyActor
        {
            Name = details.ActorName,
            Organization = Blank(details.Organization),
            CertificateSha256 = signer.CertificateSha256,
            CertificateSubject = signer.Subject,
        },
        From = Blank(details.From),
        To = Blank(details.To),
        Purpose = Blank(details.Purpose),
        Location = Blank(details.Location),
        Medium = Blank(details.Medium),
        Seal = Blank(details.Seal),
        Verification = verification,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
