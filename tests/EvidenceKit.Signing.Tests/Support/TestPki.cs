namespace EvidenceKit.Signing.Tests.Support;

/// <summary>
/// The throw-away PKI made once per test run by signing/test-ca/make-test-pki.sh (TEST ONLY):
/// a root CA, examiners issued by it, an unrelated examiner, bad keys, and a TSA.
/// </summary>
public sealed class TestPki : IDisposable
{
    public const string Passphrase = "Correct-Horse 7 Battery!";

    private readonly TempDirectory _directory = new();

    public TestPki()
    {
        var script = System.IO.Path.Combine(RepositoryRoot(), "signing", "test-ca", "make-test-pki.sh");
        var result = OpenSsl.Process("bash", _directory.Path,
            new Dictionary<string, string> { ["EVIDENCEKIT_TEST_PASSPHRASE"] = Passphrase },
            script, _directory.Path);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"make-test-pki.sh failed: {result.Output}");
        }
    }

    public string Path => _directory.Path;

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

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "EvidenceKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("EvidenceKit.sln not found above " + AppContext.BaseDirectory);
    }
}
