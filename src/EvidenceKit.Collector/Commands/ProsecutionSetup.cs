using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using EvidenceKit.Signing.Keys;
using EvidenceKit.Signing.Timestamps;

namespace EvidenceKit.Collector.Commands;

/// <summary>
/// What prosecution mode needs before anything is read: case, a usable key, and the examiner, who is the key's
/// certificate (its CN, and its O when present). An --examiner that is not the certificate's common name is refused;
/// without --examiner the common name is used. Null in analysis mode.
/// </summary>
internal sealed record ProsecutionSetup(ExaminerRecord Examiner, ISigner Signer, ITimestamper? Timestamper)
{
    public static ProsecutionSetup? Prepare(CollectSettings settings, TimeProvider time)
    {
        if (settings.Mode != CollectionMode.Prosecution)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(settings.Case))
        {
            throw CliException.BadInput("Prosecution mode needs a case id: add --case ID (the id your incident or legal team uses).");
        }
        if (string.IsNullOrWhiteSpace(settings.Key))
        {
            throw CliException.BadInput("Prosecution mode needs the examiner's signing key: add --key FILE.p12 (make one with 'evidencekit-collect keygen --examiner NAME --org ORG --out FILE.p12').");
        }
        if (!File.Exists(settings.Key))
        {
            throw CliException.BadInput($"The key file {settings.Key} does not exist. Give the path of your examiner .p12 file, or make one with 'evidencekit-collect keygen'.");
        }
        var passphrase = Secrets.Read(Secrets.KeyPassphraseVariable, $"Passphrase for {settings.Key}: ")
            ?? throw CliException.BadInput($"No passphrase for {settings.Key}: set {Secrets.KeyPassphraseVariable}, or run on a terminal to be asked for it.");

        LoadedKey key;
        try
        {
            key = Pkcs12KeyLoader.Load(settings.Key, passphrase, time);
        }
        catch (KeyException e)
        {
            throw CliException.BadInput(e.Message, e);
        }

        var signer = key.Identity;
        var commonName = signer.CommonName
            ?? throw CliException.BadInput($"The certificate in {settings.Key} names no examiner (its subject has no single common name, CN); prosecution needs a certificate that names the examiner who signs.");
        if (!string.IsNullOrWhiteSpace(settings.Examiner) && !signer.IsNamedBy(settings.Examiner))
        {
            throw CliException.BadInput($"--examiner \"{settings.Examiner}\" is not the signer: the key {settings.Key} is \"{commonName}\"'s (its certificate's CN). The examiner recorded is the one who signs; leave --examiner out, or use your own key.");
        }

        var examiner = new ExaminerRecord
        {
            Name = commonName,
            Organization = signer.Organization ?? settings.Organization,
            CertificateSha256 = key.Identity.CertificateSha256,
            CertificateSubject = key.Identity.Subject,
        };
        ITimestamper? timestamper = settings.Tsa is { } url
            ? Rfc3161Timestamper.ForUrl(url) ?? throw CliException.BadInput($"--tsa {url} is not an http:// or https:// URL of a time-stamp authority.")
            : null;
        return new ProsecutionSetup(examiner, key.Signer, timestamper);
    }
}
