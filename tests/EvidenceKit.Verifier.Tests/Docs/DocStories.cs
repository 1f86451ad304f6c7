using EvidenceKit.Testing;

namespace EvidenceKit.Verifier.Tests.Docs;

/// <summary>
/// The stories the docs' runnable blocks belong to (the marker <c>&lt;!-- doctest: STORY --&gt;</c>), each with what
/// stands for its placeholders (<see cref="DocPlaceholders"/>) and the directories a block may be run in
/// (<c>in DIR</c>, keys starting with @). Values are made when a block first needs them, so a block may use what an earlier block made
/// (the signing story's bundle is signed with the key its keygen block wrote).
/// </summary>
internal static class DocStories
{
    /// <summary>The README's first block: run by .ci/run, not by a test.</summary>
    public const string Ci = "ci";

    public static readonly string[] Runnable = ["machine", "bundles", "sftp", "timeline", "signing"];

    /// <summary>Placeholders (and <c>in</c> directories) of a story; each value is made once, on first use.</summary>
    public static Dictionary<string, Func<string>> Values(string story, DocSandbox s) => story switch
    {
        "machine" => Machine(s),
        "bundles" => Bundles(s),
        "sftp" => Sftp(s),
        "timeline" => Timeline(s),
        "signing" => Signing(s),
        _ => throw new ArgumentException($"no story '{story}'", nameof(story)),
    };

    /// <summary>
    /// Collects this machine's logs as printed: the USB drive and the mounted image are directories of the sandbox;
    /// the drive carries the collector copied onto it (the published one, as on PATH); the
    /// profiles folder holds README's example profile <c>DIR/systems/shop.yaml</c> exactly as printed.
    /// </summary>
    private static Dictionary<string, Func<string>> Machine(DocSandbox s) => new()
    {
        ["/media/usb"] = Once(() =>
        {
            var usb = s.MakeDirectory("media/usb");
            File.Copy(s.Combine(".bin", "evidencekit-collect"), Path.Combine(usb, "evidencekit-collect"));
            File.SetUnixFileMode(Path.Combine(usb, "evidencekit-collect"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return usb;
        }),
        ["DIR"] = Once(() =>
        {
            var readme = MarkdownCode.Blocks("README.md", File.ReadAllLines(Path.Combine(Run.RepositoryRoot(), "README.md")));
            var shop = readme.Single(b => b.Info == "yaml" && b.Text.StartsWith("# DIR/systems/shop.yaml\n", StringComparison.Ordinal));
            s.Write("profiles/systems/shop.yaml", shop.Text + "\n");
            return s.Combine("profiles");
        }),
        ["/mnt/image"] = Once(() =>
        {
            s.Write("mnt/image/var/log/apache2/access.log", "203.0.113.9 - - [24/Nov/2026:03:12:45 +0000] \"GET / HTTP/1.1\" 200 12 \"-\" \"curl\"\n");
            s.Write("mnt/image/var/log/apache2/error.log", "[Tue Nov 24 03:12:45.000000 2026] [core:error] [pid 7] AH00126: bad\n");
            s.Write("mnt/image/var/log/syslog", "Nov 24 03:12:45 web1 sshd[12]: Accepted publickey for root\n");
            return s.Combine("mnt/image");
        }),
        ["'...'"] = () => "'machine-doctest-passphrase'",
    };

    /// <summary>A prosecution bundle signed by the test PKI's examiner and time-stamped by a local TSA, in a folder of bundles.</summary>
    private static Dictionary<string, Func<string>> Bundles(DocSandbox s)
    {
        s.Environment["EVIDENCEKIT_KEY_PASSPHRASE"] = TestPki.Passphrase;
        var pki = Once(() => s.Own(new TestPki()));
        var tsa = Once(() => s.Own(TsaServer.WithOpenSsl(pki(), s.MakeDirectory(".tsa"))).Url.ToString());
        var bundle = Once(() => Collect(s, "fleet-bundles", "CASE-7", pki().Examiner, TestPki.Passphrase, tsa()));
        var root = () => pki().RootCertificate;
        return new()
        {
            ["@bundle"] = bundle,
            ["BUNDLE"] = bundle,
            ["CASE-7_web1_20261124T031245Z"] = bundle,
            ["/srv/evidence/case42/upload/web1"] = () => Path.GetDirectoryName(bundle())!,
            ["./fleet-bundles"] = () => { bundle(); return "./fleet-bundles"; },
            ["ROOT.pem"] = root,
            ["examiner-root.pem"] = root,
            ["EXAMINER_OR_ORG_ROOT.pem"] = root,
            ["examiner.crt"] = root,
            ["TSA_ROOT.pem"] = root,
            ["tsa-root.pem"] = root,
            ["3F:A1:...:9C"] = () => Fingerprint(pki().ExaminerCertificate),
            ["erin.p12"] = () => pki().ExaminerRsa,
        };
    }

    /// <summary>A real sshd on 127.0.0.1 stands for the evidence server; its host and client keys for the printed ones.</summary>
    private static Dictionary<string, Func<string>> Sftp(DocSandbox s)
    {
        var sshd = Once(() => s.Own(new SshdFixture()));
        var at = () => $"{sshd().User}@127.0.0.1:{sshd().Port}";
        return new()
        {
            ["sftp://USER@HOST[:PORT]/PATH"] = () => $"sftp://{at()}{sshd().Root}",
            ["FILE"] = () => sshd().ClientKeyPath,
            ["SHA256:..."] = () => sshd().HostKeyFingerprint,
            ["sftp://ir-case42@ev.example.org/upload"] = () => $"sftp://{at()}{Directory.CreateDirectory(Path.Combine(sshd().Root, "upload")).FullName}",
            ["/media/usb/collector_key"] = () => sshd().ClientKeyPath,
            ["SHA256:q8pV3YcWuH4Ah4sFQ1p6J6mH9T2bWbFz5o8Qw7Yd1bQ"] = () => sshd().HostKeyFingerprint,
            ["[ev.example.org]:2222"] = () => $"[127.0.0.1]:{sshd().Port}",
            ["ssh_host_ed25519_key.pub"] = () => sshd().HostKeyPath + ".pub",
            ["sftp://ir-case42@ev.example.org:2222/upload"] = () => $"sftp://{at()}{Directory.CreateDirectory(Path.Combine(sshd().Root, "upload")).FullName}",
            ["'...'"] = () => "'the-key-has-no-passphrase'",
        };
    }

    /// <summary>Two analysis bundles of web servers' logs stand for a fleet's bundles.</summary>
    private static Dictionary<string, Func<string>> Timeline(DocSandbox s)
    {
        var web01 = Once(() => Collect(s, "web01", "IR-2026-042", null, null, null));
        var web02 = Once(() => Collect(s, "web02", "IR-2026-042", null, null, null));
        return new()
        {
            ["IR-2026-042_web01_*"] = web01,
            ["IR-2026-042_web02_*"] = web02,
            ["BUNDLE"] = web01,
        };
    }

    /// <summary>
    /// signing/README.md from the top: the keygen block's key signs the bundle the consultant verifies; the CA the
    /// reader builds issues the key of the bundle section 3 checks, time-stamped by the test PKI's TSA.
    /// </summary>
    private static Dictionary<string, Func<string>> Signing(DocSandbox s)
    {
        var pki = Once(() => s.Own(new TestPki()));
        var tsa = Once(() => s.Own(TsaServer.WithOpenSsl(pki(), s.MakeDirectory(".tsa"))).Url.ToString());
        return new()
        {
            ["BUNDLE"] = Once(() => Collect(s, "jane-bundles", "IR-7", s.Combine("jane.p12"), DocSandbox.Passphrase, null)),
            ["AB:CD:…:EF"] = () => Fingerprint(s.Combine("jane.crt")),
            ["@ca-bundle"] = Once(() => Collect(s, "ca-bundles", "IR-8", s.Combine("ca", "jane.p12"), DocSandbox.Passphrase, tsa())),
            ["root-ca.crt"] = () => s.Combine("ca", "root-ca.crt"),
            ["tsa-root.crt"] = () => pki().RootCertificate,
        };
    }

    /// <summary>Collects a small tree of logs into <paramref name="folder"/> of the sandbox (prosecution when a key is given); returns the bundle.</summary>
    private static string Collect(DocSandbox s, string folder, string @case, string? key, string? passphrase, string? tsa)
    {
        s.Write($".trees/{folder}/var/log/nginx/access.log",
            "203.0.113.9 - - [24/Nov/2026:03:12:45 +0000] \"GET /shell.php?cmd=id HTTP/1.1\" 404 12 \"-\" \"sqlmap\"\n"
            + "203.0.113.9 - - [24/Nov/2026:03:12:46 +0000] \"GET / HTTP/1.1\" 200 612 \"-\" \"curl\"\n");
        s.Write($".trees/{folder}/var/log/auth.log", "Nov 24 03:12:47 web1 sshd[12]: Failed password for root from 203.0.113.9 port 22 ssh2\n");
        var target = s.MakeDirectory(folder);
        List<string> args = ["--profile", "linux-web-nginx", "--root", s.Combine(".trees", folder), "--target", target, "--case", @case, "--quiet"];
        if (key is not null)
        {
            args.AddRange(["--mode", "prosecution", "--key", key]);
        }
        if (tsa is not null)
        {
            args.AddRange(["--tsa", tsa]);
        }
        var run = Run.Executable("evidencekit-collect", args, environment: new Dictionary<string, string?> { ["EVIDENCEKIT_KEY_PASSPHRASE"] = passphrase },
            timeout: TimeSpan.FromMinutes(3));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"the story's bundle could not be collected: {run}");
        }
        return run.StdOut.Trim().Split('\n')[^1].Trim();
    }

    private static string Fingerprint(string certificate)
    {
        var run = Run.Tool("openssl", ["x509", "-in", certificate, "-noout", "-fingerprint", "-sha256"]);
        return run.StdOut.Trim().Split('=')[^1];
    }

    private static Func<T> Once<T>(Func<T> make)
    {
        var value = new Lazy<T>(make);
        return () => value.Value;
    }
}
