namespace EvidenceKit.Testing;

/// <summary>
/// A throw-away PKI made by signing/test-ca/make-test-pki.sh (TEST ONLY): a root CA, examiners issued by it (ECDSA,
/// RSA), an unrelated examiner, an expired one, one without digitalSignature, a too-short RSA key, a certificate-only
/// .p12, and a time-stamp authority. Use as an xunit class or collection fixture; removed when disposed.
/// </summary>
public sealed class TestPki : IDisposable
{
    /// <summary>The passphrase of every .p12 the script makes.</summary>
    public const string Passphrase = "Correct-Horse 7 Battery!";

    private readonly TempDirectory _directory = new("ek-pki-");

    public TestPki()
    {
        var script = System.IO.Path.Combine(Run.RepositoryRoot(), "signing", "test-ca", "make-test-pki.sh");
        var result = Run.Tool("bash", [script, _directory.Path], environment: new Dictionary<string, string?> { ["EVIDENCEKIT_TEST_PASSPHRASE"] = Passphrase });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("make-test-pki.sh failed: " + result);
        }
    }

    public string Path => _directory.Path;

    /// <summary>Same as <see cref="Path"/>.</summary>
    public string Dir => _directory.Path;

    public string RootCertificate => File("root-ca.crt");

    public string Examiner => File("examiner.p12");

    public string ExaminerCertificate => File("examiner.crt");

    public string ExaminerRsa => File("examiner-rsa.p12");

    public string Unrelated => File("unrelated.p12");

    public string UnrelatedCertificate => File("unrelated.crt");

    public string Expired => File("expired.p12");

    public string NoDigitalSignature => File("no-digital-signature.p12");

    public string Rsa2048 => File("rsa-2048.p12");

    public string CertificateOnly => File("cert-only.p12");

    public string TsaCertificate => File("tsa.crt");

    public string TsaKey => File("tsa.key");

    public string TsaConfig => File("tsa.cnf");

    public IReadOnlyDictionary<string, string> PassphraseEnvironment { get; } =
        new Dictionary<string, string> { ["EVIDENCEKIT_TEST_PASSPHRASE"] = Passphrase };

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>DER bytes of a PEM certificate file of the test PKI.</summary>
    public byte[] Der(string pemPath) =>
        Convert.FromBase64String(string.Concat(System.IO.File.ReadAllLines(pemPath).Where(line => !line.StartsWith("-----", StringComparison.Ordinal))));

    public void Dispose() => _directory.Dispose();
}
