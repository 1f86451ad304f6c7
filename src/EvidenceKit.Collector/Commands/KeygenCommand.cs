using EvidenceKit.Cli;
using EvidenceKit.Signing.Keys;

namespace EvidenceKit.Collector.Commands;

/// <summary>
/// <c>keygen</c>: makes a first-time examiner an ECDSA P-256 key with a self-signed certificate, writes FILE.p12
/// (passphrase from EVIDENCEKIT_KEY_PASSPHRASE or a prompt) and FILE.crt, and prints the fingerprint.
/// </summary>
internal sealed class KeygenCommand(TimeProvider time, TextWriter output)
{
    public int Execute(KeygenSettings settings)
    {
        if (File.Exists(settings.Output))
        {
            throw CliException.BadInput($"{settings.Output} already exists; keygen never overwrites a key. Choose another --out.");
        }
        var passphrase = Secrets.Read(Secrets.KeyPassphraseVariable, $"New passphrase for {settings.Output}: ", confirm: true)
            ?? throw CliException.BadInput($"Set {Secrets.KeyPassphraseVariable} to the passphrase that will protect {settings.Output}, or run on a terminal to be asked for it.");
        if (passphrase.Length < 8)
        {
            throw CliException.BadInput("The passphrase must be at least 8 characters.");
        }
        WrittenKeyFiles written;
        try
        {
            var key = ExaminerKeyGenerator.Generate(settings.Examiner, settings.Organization, settings.Days, time);
            written = ExaminerKeyGenerator.Write(key, settings.Output, passphrase);
        }
        catch (KeyException e)
        {
            throw CliException.BadInput(e.Message, e);
        }
        output.WriteLine($"Key:          {written.Pkcs12Path}  (keep it secret; protected by your passphrase)");
        output.WriteLine($"Certificate:  {written.CertificatePath}  (give this to whoever verifies your bundles)");
        output.WriteLine($"SHA-256 fingerprint of the certificate (write it on the custody form, or send it out of band):");
        output.WriteLine($"  {written.Fingerprint}");
        return ExitCodes.Ok;
    }
}
