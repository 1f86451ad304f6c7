namespace EvidenceKit.Testing;

/// <summary>
/// A throw-away PKI made by signing/test-ca/make-test-pki.sh (TEST ONLY): root CA, examiner keys (valid, expired,
/// without digitalSignature, unrelated), a TSA. Use as an xunit class fixture; removed when disposed.
/// </summary>
public sealed class TestPki : IDisposable
{
    public const string Passphrase = "test-only-passphrase-7f3a";
    private readonly TempDirectory _dir = new("ek-pki-");

    public TestPki()
    {
        var script = Path.Combine(Run.RepositoryRoot(), "signing", "test-ca", "make-test-pki.sh");
        var result = Run.Tool("bash", [script, _dir.Path], environment: new Dictionary<string, string?> { ["EVIDENCEKIT_TEST_PASSPHRASE"] = Passphrase });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("make-test-pki.sh failed: " + result);
        }
    }

    public string Dir => _dir.Path;

    public string File(string name) => _dir.Combine(name);

    public void Dispose() => _dir.Dispose();
}
