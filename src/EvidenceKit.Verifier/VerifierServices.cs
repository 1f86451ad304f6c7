using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Verification;
using EvidenceKit.Signing.Cms;
using EvidenceKit.Signing.Keys;
using EvidenceKit.Signing.Trust;

namespace EvidenceKit.Verifier;

/// <summary>
/// What the verifier's commands need from the outside world: the clock, CMS and RFC 3161 verification, trust anchors,
/// keys, a time-stamp client and the passphrase. <see cref="Real"/> wires EvidenceKit.Signing behind the Core ports;
/// tests may hand in their own.
/// </summary>
internal sealed record VerifierServices(
    TimeProvider Time,
    Func<ISignatureVerifier> CreateSignatureVerifier,
    Func<ITimestampVerifier?> CreateTimestampVerifier,
    Func<IEnumerable<string>, IReadOnlyList<byte[]>> LoadTrustAnchors,
    Func<string, string, ISigner> LoadKey,
    Func<string, ITimestamper> CreateTimestamper,
    Func<string, string?> ReadPassphrase)
{
    /// <summary>The real implementations, all on the one clock <paramref name="time"/>.</summary>
    public static VerifierServices Real(TimeProvider time) => new(
        time,
        () => new CmsSignatureVerifier(time),
        () => TimestampServices.CreateVerifier(time),
        LoadAnchors,
        (path, passphrase) => LoadPkcs12(path, passphrase, time),
        TimestampServices.CreateTimestamper,
        prompt => Secrets.Read(Secrets.KeyPassphraseVariable, prompt));

    /// <exception cref="InvalidDataException">A path is missing or holds no certificate.</exception>
    private static IReadOnlyList<byte[]> LoadAnchors(IEnumerable<string> paths)
    {
        try
        {
            return TrustAnchors.Load(paths);
        }
        catch (TrustAnchorException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <exception cref="InvalidDataException">The file, passphrase, key or certificate is not usable; the message says why.</exception>
    private static ISigner LoadPkcs12(string path, string passphrase, TimeProvider time)
    {
        try
        {
            return Pkcs12KeyLoader.Load(path, passphrase, time).Signer;
        }
        catch (KeyException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }
}
