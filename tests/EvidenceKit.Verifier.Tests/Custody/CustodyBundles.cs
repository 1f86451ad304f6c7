using System.Security.Cryptography;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Custody;

/// <summary>
/// A throw-away test PKI (signing/test-ca/make-test-pki.sh) and real prosecution bundles made by the real collector
/// executable; shared by the custody test classes, removed when they finish.
/// </summary>
public sealed class CustodyBundles : IDisposable
{
    public const string Passphrase = TestPki.Passphrase;
    public const string MarkupFileName = "<img src=x onerror=alert(1)>.log";

    private readonly TempDirectory _dir = new("ek-custody-");
    private readonly TestPki _pki = new();
    private int _bundles;

    public CustodyBundles()
    {
        _dir.Write("tree/var/log/nginx/access.log", "127.0.0.1 - - \"GET / HTTP/1.1\" 200 12\n");
        _dir.Write("tree/var/log/nginx/error.log", "an error\n");
        _dir.Write("tree/var/log/nginx/" + MarkupFileName, "markup in a name\n");
    }

    public string Pki => _pki.Path;

    public string Root => Path.Combine(Pki, "root-ca.crt");

    public string Key(string name) => Path.Combine(Pki, name + ".p12");

    public static Dictionary<string, string?> KeyEnvironment => new() { ["EVIDENCEKIT_KEY_PASSPHRASE"] = Passphrase };

    /// <summary>Runs evidencekit-collect in prosecution mode into a fresh target and returns the sealed bundle's path.</summary>
    public string Collect(params string[] extra)
    {
        var run = TryCollect(out var target, extra);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("collect failed: " + run);
        }
        return Directory.GetDirectories(target).Single();
    }

    public ProcessResult TryCollect(out string target, params string[] extra)
    {
        target = _dir.MakeDirectory($"target-{Interlocked.Increment(ref _bundles)}");
        return Run.Executable("evidencekit-collect",
        [
            "--profile", "linux-web-nginx", "--root", _dir.Combine("tree"), "--target", target, "--mode", "prosecution",
            "--case", "IR-2026-7", "--examiner", "Test Examiner", "--org", "ACME Incident Response", "--key", Key("examiner"),
            "--reason", "suspected intrusion", "--severity", "high", "--incident-owner", "Olga Owner", "--contact", "soc@acme.example", "--quiet",
            .. extra,
        ], environment: KeyEnvironment);
    }

    public ProcessResult Verify(params string[] args) => Run.Executable("evidencekit-verify", args);

    /// <summary>Runs custody add; the actor is given with --actor unless null (then the key's certificate names it).</summary>
    public ProcessResult Add(string bundle, string kind, string? actor, string key, params string[] extra) =>
        Run.Executable("evidencekit-verify",
            ["custody", "add", bundle, "--event", kind, .. actor is null ? Array.Empty<string>() : ["--actor", actor], "--key", Key(key), "--trust", Root, .. extra],
            environment: KeyEnvironment);

    public string NewDirectory(string name) => _dir.MakeDirectory($"{name}-{Interlocked.Increment(ref _bundles)}");

    /// <summary>Rewrites tagmanifest-sha256.txt from the tag files now present, as someone hiding a change would.</summary>
    public static void RewriteTagManifest(string bundle)
    {
        var entries = Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(bundle, f).Replace('\\', '/'))
            .Where(p => !p.StartsWith("data/", StringComparison.Ordinal) && p != BundleLayout.TagManifest)
            .Select(p => (p, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(bundle, p))))));
        File.WriteAllText(Path.Combine(bundle, BundleLayout.TagManifest), BagItText.Manifest(entries));
    }

    public void Dispose()
    {
        _pki.Dispose();
        _dir.Dispose();
    }
}
