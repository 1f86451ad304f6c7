using EvidenceKit.Testing;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Text;
using EvidenceKit.Core.Verification;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// Every way of tampering with a bundle the verifier must catch: each case names the verdict and the check that
/// must fail. Each case is also run through real <c>sha256sum -c --strict</c>: the verifier is never more lenient.
/// </summary>
public sealed class TamperMatrixTests
{
    private const string Syslog = "data/var/log/syslog";
    private const string Access = "data/var/log/nginx/access.log";

    private sealed record Case(Action<BundleBuilder> Tamper, Verdict Verdict, string Check, bool Prosecution = false, bool RunSha256sum = true);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["flipped byte"] = new(b => Flip(b, Syslog), Verdict.Invalid, CheckNames.PayloadFiles),
        ["truncated file"] = new(b => b.WriteBytes(Access, File.ReadAllBytes(b.PathOf(Access))[..^1]), Verdict.Invalid, CheckNames.PayloadFiles),
        ["appended byte"] = new(b => File.AppendAllText(b.PathOf(Syslog), "x"), Verdict.Invalid, CheckNames.PayloadFiles),
        ["deleted payload file"] = new(b => File.Delete(b.PathOf(Syslog)), Verdict.Invalid, CheckNames.PayloadFiles),
        ["added payload file"] = new(b => b.WriteText("data/var/log/planted.log", "planted\n"), Verdict.Invalid, CheckNames.UnlistedFiles),
        ["renamed payload file"] = new(b => File.Move(b.PathOf(Syslog), b.PathOf(Syslog + ".1")), Verdict.Invalid, CheckNames.PayloadFiles),
        ["manifest line edited"] = new(b => EditManifest(b, lines => lines[0] = new string('0', 64) + lines[0][64..]), Verdict.Invalid, CheckNames.PayloadFiles),
        ["manifest line removed"] = new(b => EditManifest(b, lines => lines.RemoveAt(0)), Verdict.Invalid, CheckNames.UnlistedFiles),
        ["manifest line duplicated"] = new(b => EditManifest(b, lines => lines.Add(lines[0])), Verdict.Invalid, CheckNames.DuplicateEntries),
        ["payload changed with both manifests recomputed"] = new(b =>
        {
            File.AppendAllText(b.PathOf(Syslog), "Nov 24 03:13:00 web1 nothing to see\n");
            b.RewritePayloadManifest();
            b.RewriteTagManifest();
        }, Verdict.Invalid, CheckNames.CustodyFiles),
        ["split part changed with both manifests recomputed"] = new(b =>
        {
            b.WriteText("data/var/log/big.log.part002", "forged second half\n");
            b.RewritePayloadManifest();
            b.RewriteTagManifest();
        }, Verdict.Invalid, CheckNames.CustodyFiles),
        ["manifest.json field edited"] = new(b => EditText(b, BundleLayout.ManifestJson, "\"web1\"", "\"db9\""), Verdict.Invalid, CheckNames.TagManifest),
        ["signed manifest.json edited with tag manifest recomputed"] = new(b =>
        {
            EditText(b, BundleLayout.ManifestJson, "\"web1\"", "\"db9\"");
            b.RewriteTagManifest();
        }, Verdict.Invalid, CheckNames.Signature, Prosecution: true),
        ["tag file edited"] = new(b => File.AppendAllText(b.PathOf(BundleLayout.CollectionLog), "{\"@m\":\"forged\"}\n"), Verdict.Invalid, CheckNames.TagManifest),
        ["tag file added"] = new(b => b.WriteText("custody/notes.txt", "forged\n"), Verdict.Invalid, CheckNames.TagManifest),
        ["bagit.txt version changed"] = new(b => EditText(b, BundleLayout.BagitTxt, "1.0", "0.97"), Verdict.Invalid, CheckNames.BagItDeclaration),
        ["Payload-Oxum wrong"] = new(b => EditText(b, BundleLayout.BagInfoTxt, "Payload-Oxum: ", "Payload-Oxum: 1"), Verdict.Invalid, CheckNames.BagInfo),
        ["traversal path data/../x"] = new(b => AddLine(b, $"{b.HashOf(BundleLayout.BagitTxt)}  data/../bagit.txt"), Verdict.Invalid, CheckNames.SafePaths),
        ["absolute path"] = new(b => AddLine(b, $"{Hex.Sha256("")}  /etc/hostname"), Verdict.Invalid, CheckNames.SafePaths),
        ["backslash path"] = new(b => AddLine(b, $"{b.HashOf(Syslog)}  data\\var\\log\\syslog"), Verdict.Invalid, CheckNames.SafePaths),
        ["drive letter path"] = new(b => AddLine(b, $"{Hex.Sha256("")}  C:/Windows/win.ini"), Verdict.Invalid, CheckNames.SafePaths),
        ["empty path component"] = new(b => AddLine(b, $"{b.HashOf(Syslog)}  data/var//log/syslog"), Verdict.Invalid, CheckNames.SafePaths),
        ["symlink in data pointing outside with the right content"] = new(b =>
        {
            var outside = Path.Combine(b.Root, "outside-syslog");
            File.Copy(b.PathOf(Syslog), outside);
            File.Delete(b.PathOf(Syslog));
            File.CreateSymbolicLink(b.PathOf(Syslog), outside);
        }, Verdict.Invalid, CheckNames.SpecialFiles),
        ["symlink to a file inside the bag"] = new(b =>
        {
            File.CreateSymbolicLink(b.PathOf("data/var/log/syslog.link"), b.PathOf(Syslog));
            b.RewritePayloadManifest();
            b.RewriteTagManifest();
        }, Verdict.Invalid, CheckNames.SpecialFiles),
        ["FIFO in data listed in the manifest"] = new(b =>
        {
            MakeFifo(b.PathOf("data/var/log/pipe.log"));
            AddLine(b, $"{Hex.Sha256("")}  data/var/log/pipe.log");
        }, Verdict.Invalid, CheckNames.SpecialFiles, RunSha256sum: false),
        ["NFD twin of a name, both listed"] = new(b =>
        {
            b.WriteText("data/var/log/caf\u00e9.log", "nfc\n");
            b.WriteText("data/var/log/cafe\u0301.log", "nfd\n");
            b.RewritePayloadManifest();
        }, Verdict.Invalid, CheckNames.DuplicateEntries),
        ["case twin of a name, both listed"] = new(b =>
        {
            b.WriteText("data/var/log/SYSLOG", "upper\n");
            b.RewritePayloadManifest();
        }, Verdict.Invalid, CheckNames.DuplicateEntries),
        ["duplicate JSON key in manifest.json"] = new(b =>
        {
            EditText(b, BundleLayout.ManifestJson, "\"mode\": \"analysis\",", "\"mode\": \"analysis\",\n  \"mode\": \"prosecution\",");
            b.RewriteTagManifest();
        }, Verdict.Invalid, CheckNames.CustodyManifest),
        ["MD5-only bag"] = new(b =>
        {
            var md5 = Directory.EnumerateFiles(b.PathOf("data"), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(b.BundleDir, f).Replace('\\', '/'))
                .Select(p => (p, Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(b.PathOf(p))))));
            b.WriteText("manifest-md5.txt", BagItText.Manifest(md5));
            File.Delete(b.PathOf(BundleLayout.PayloadManifest));
            b.RewriteTagManifest();
        }, Verdict.Invalid, CheckNames.HashAlgorithms, RunSha256sum: false),
        ["prosecution bundle with its .p7s removed"] = new(b =>
        {
            File.Delete(b.PathOf(BundleLayout.ManifestSignature));
            b.RewriteTagManifest();
        }, Verdict.Invalid, CheckNames.Signature, Prosecution: true),
        ["garbage .p7s"] = new(b =>
        {
            b.WriteBytes(BundleLayout.ManifestSignature, [0x30, 0x82, 0xff, 0x00, 0x13, 0x37]);
            b.RewriteTagManifest();
        }, Verdict.Invalid, CheckNames.Signature, Prosecution: true),
        ["10 MB single line in manifest-sha256.txt"] = new(b => File.AppendAllText(b.PathOf(BundleLayout.PayloadManifest), new string('a', 10 * 1024 * 1024)),
            Verdict.Invalid, CheckNames.PayloadManifest),
        ["malformed manifest line"] = new(b => AddLine(b, "not-a-hash\tdata/var/log/syslog"), Verdict.Invalid, CheckNames.PayloadManifest),
        ["manifest.json deleted"] = new(b =>
        {
            File.Delete(b.PathOf(BundleLayout.ManifestJson));
            b.RewriteTagManifest();
        }, Verdict.Invalid, CheckNames.CustodyManifest),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void A_tampered_bundle_gets_its_verdict_from_the_named_check(string name)
    {
        // Given a correct bundle, tampered with as the case says
        var c = Cases[name];
        var cms = new FakeCms();
        using var builder = new BundleBuilder().WithSplitFile("data/var/log/big.log", "first half\n", "second half\n");
        if (c.Prosecution)
        {
            builder.Prosecution(cms);
        }
        var dir = builder.Build();
        c.Tamper(builder);

        // When it is verified
        var clock = Stopwatch.StartNew();
        var report = VerifierRun.Verify(dir, cms, cms.TrustingPolicy);
        clock.Stop();

        // Then the verdict and the failing check are the expected ones, with a finding that says what is wrong
        report.Verdict.Should().Be(c.Verdict, "{0}", Describe(report));
        var check = report.Check(c.Check);
        check.Outcome.Should().Be(CheckOutcome.Fail, "{0}", Describe(report));
        (check.Detail.Length + check.Items.Count).Should().BeGreaterThan(0);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "hostile input must not hang the verifier");

        // And the verifier is never more lenient than sha256sum
        if (c.RunSha256sum && VerifierRun.Sha256sumStrict(dir) != 0)
        {
            report.Verdict.Should().NotBe(Verdict.Valid);
        }
    }

    [Fact]
    public void The_matrix_covers_at_least_twenty_distinct_tamperings() => Cases.Should().HaveCountGreaterThanOrEqualTo(20);

    [Fact]
    public void A_line_too_long_is_reported_with_its_number_and_quickly()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        File.AppendAllText(builder.PathOf(BundleLayout.PayloadManifest), new string('f', 10 * 1024 * 1024));
        var lineCount = builder.ReadText(BundleLayout.PayloadManifest).Count(ch => ch == '\n') + 1;

        var clock = Stopwatch.StartNew();
        var report = VerifierRun.Verify(dir);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        report.Check(CheckNames.PayloadManifest).Detail.Should().Be($"manifest-sha256.txt line {lineCount} is too long (more than 65536 bytes).");
    }

    [Fact]
    public async Task A_FIFO_in_the_bag_is_reported_and_never_opened()
    {
        // Given a FIFO listed in the manifest: opening it for reading would block for ever, as no writer comes
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        MakeFifo(builder.PathOf("data/var/log/pipe.log"));
        AddLine(builder, $"{Hex.Sha256("")}  data/var/log/pipe.log");

        // When verified, in a task that must finish
        var run = Task.Run(() => VerifierRun.Verify(dir));
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20)));

        // Then it finished and names the FIFO
        first.Should().BeSameAs(run, "the FIFO must not have been opened");
        (await run).Check(CheckNames.SpecialFiles).Items.Should().ContainSingle(i => i.Contains("'data/var/log/pipe.log' is a fifo (not opened)"));
    }

    [Fact]
    public void A_flipped_byte_is_named_with_the_expected_and_actual_hash_and_the_manifest_line()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var expected = builder.HashOf(Syslog);
        var line = builder.ReadText(BundleLayout.PayloadManifest).Split('\n').ToList().FindIndex(l => l.EndsWith(Syslog, StringComparison.Ordinal)) + 1;
        Flip(builder, Syslog);

        var report = VerifierRun.Verify(dir);

        report.Check(CheckNames.PayloadFiles).Items.Should().Equal(
            $"'{Syslog}': SHA-256 is {builder.HashOf(Syslog)}, manifest-sha256.txt line {line} says {expected}");
    }

    private static string Describe(VerificationReport report) =>
        string.Join("\n", report.Checks.Select(c => $"{c.Outcome} {c.Name}: {c.Detail} {string.Join(" | ", c.Items)}"));

    private static void Flip(BundleBuilder b, string bagPath)
    {
        var bytes = File.ReadAllBytes(b.PathOf(bagPath));
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(b.PathOf(bagPath), bytes);
    }

    private static void EditText(BundleBuilder b, string bagPath, string from, string to)
    {
        var text = b.ReadText(bagPath);
        text.Should().Contain(from);
        b.WriteText(bagPath, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static void EditManifest(BundleBuilder b, Action<List<string>> edit)
    {
        var lines = b.ReadText(BundleLayout.PayloadManifest).TrimEnd('\n').Split('\n').ToList();
        edit(lines);
        b.WriteText(BundleLayout.PayloadManifest, string.Join('\n', lines) + "\n");
    }

    private static void AddLine(BundleBuilder b, string line) =>
        File.AppendAllText(b.PathOf(BundleLayout.PayloadManifest), line + "\n", new UTF8Encoding(false));

    internal static void MakeFifo(string path) =>
        Run.Tool("mkfifo", [path]).ExitCode.Should().Be(0);
}
