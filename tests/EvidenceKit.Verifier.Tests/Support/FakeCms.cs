using System.Text;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Text;

namespace EvidenceKit.Verifier.Tests.Support;

/// <summary>
/// A stand-in for CMS in unit tests: the "signature" is "FAKECMS|sha256(content)|fingerprint|subject". It verifies
/// when the digest matches; it is trusted when the policy pins the fingerprint.
/// </summary>
internal sealed class FakeCms : ISigner, ISignatureVerifier
{
    private const string Prefix = "FAKECMS|";

    public FakeCms(string subject = "CN=Test Examiner,O=EvidenceKit Tests")
    {
        Identity = new SignerIdentity(subject, Hex.Sha256(subject),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero))
        {
            CommonName = CommonNameOf(subject),
        };
    }

    /// <summary>The fake's certificate names the CN of its simple "CN=...,O=..." subject (no escapes in test subjects).</summary>
    private static string? CommonNameOf(string subject) =>
        subject.Split(',').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("CN=", StringComparison.Ordinal))?[3..];

    public SignerIdentity Identity { get; }

    public TrustPolicy TrustingPolicy => new([], [Identity.CertificateSha256]);

    public byte[] SignDetached(ReadOnlySpan<byte> content) =>
        Encoding.UTF8.GetBytes($"{Prefix}{Hex.Sha256(content)}|{Identity.CertificateSha256}|{Identity.Subject}");

    public SignatureVerification Verify(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, TrustPolicy policy)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(signature);
        }
        catch (DecoderFallbackException)
        {
            return new(false, false, null, null, "not a CMS SignedData structure");
        }
        var parts = text.Split('|');
        if (parts.Length != 4 || parts[0] + "|" != Prefix)
        {
            return new(false, false, null, null, "not a CMS SignedData structure");
        }
        var signer = Identity with { Subject = parts[3], CertificateSha256 = parts[2], CommonName = CommonNameOf(parts[3]) };
        if (parts[1] != Hex.Sha256(content))
        {
            return new(false, false, signer, null, "CMS message digest mismatch");
        }
        var trusted = policy.PinnedFingerprints.Any(p => p.Replace(":", "").Equals(parts[2], StringComparison.OrdinalIgnoreCase));
        return new(true, trusted, signer, Identity.NotBefore.AddDays(1), trusted ? "pinned fingerprint" : "signer certificate is not trusted");
    }
}
