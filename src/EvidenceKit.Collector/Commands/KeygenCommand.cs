using EvidenceKit.Cli;
using EvidenceKit.Signing.Keys;

namespace EvidenceKit.Collector.Commands;

/// <summary>
/// <c>keygen</c>: makes a first-time examiner an ECDSA P-256 key with a self-signed certificate, writes FILE.p12
/// (passphrase from EVIDENCEKIT_KEY_PASSPHRASE or a prompt) and FILE.crt, and prints the fingerprint.
/// </summary>
internal sealed class KeygenCommand(TimeProvider time)
{
    public int Execute(string examiner, string organization, string output, int days)
    {
        if (File.Exists(output))
        {
            throw CliException.BadInput($"{output} already exists; keygen never overwrites a key. Choose another --out.");
        }
        var passphrase = Secrets.Read(Secrets.KeyPassphraseVariable, $"New passphrase for {output}: ", confirm: true)
            ?? throw CliException.BadInput($"Set {Secrets.KeyPassphraseVariable} to the passphrase that will protect {output}, or run on a terminal to be asked for it.");
        if (passphrase.Length < 8)
        {
            throw CliException.BadInput("The passphrase must be at least 8 characters.");
        }
        WrittenKeyFiles written;
        try
        {
            var key = ExaminerKeyGenerator.Generate(examiner, organization, days, time);
            written = ExaminerKeyGenerator.Write(key, output, passphrase);
        }
        catch (KeyException e)
        {
            throw CliException.BadInput(e.Message, e);
        }
        Console.Out.WriteLine($"Key:          {written.Pkcs12Path}  (keep it secret; protected by your passphrase)");
        Console.Out.WriteLine($"Certificate:  {written.CertificatePath}  (give this to whoever verifies your bundles)");
        Console.Out.WriteLine($"SHA-256 fingerprint of the certificate (write it on the custody form, or send it out of band):");
        Console.Out.WriteLine($"  {written.Fingerprint}");
        return ExitCodes.Ok;
    }
}
