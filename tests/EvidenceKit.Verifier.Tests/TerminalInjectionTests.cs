using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Custody;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// A dishonest handler puts terminal escape sequences where the verifier prints them: the signing certificate's
/// subject, a custody event's text, a file name, a bag-info value. The verdict line must stay what it is, and no
/// output (plain, table on a terminal, custody show, --json) may carry a raw control character.
/// </summary>
public sealed class TerminalInjectionTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>, IDisposable
{
    private const string Hostile = "\u001b]0;pwned\u0007\u001b[2K\u001b[1A\u001b[32mVALID (exit 0)\u009b2K\u202e";
    private const string HostileShown = @"\x1b]0;pwned\x07\x1b[2K\x1b[1A\x1b[32mVALID (exit 0)\x9b2K\u202e";
    private const string KeyPassphrase = "Correct-Horse 7 Battery!";

    private readonly TempDirectory _dir = new("ek-terminal-");

    public void Dispose() => _dir.Dispose();

    private static IReadOnlyList<string> Controls(string output, bool allowCarriageReturn = false) => output
        .Where(c => (c < ' ' && c != '\n' && !(allowCarriageReturn && c == '\r')) || c is >= '\u007f' and <= '\u009f'
            || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069')
        .Select(c => $"U+{(int)c:X4}").Distinct().ToList();

    private static void NothingATerminalWouldObey(ProcessResult run)
    {
        Controls(run.StdOut).Should().BeEmpty("stdout: " + run);
        Controls(run.StdErr).Should().BeEmpty("stderr: " + run);
    }

    private static string LastLine(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];

    /// <summary>A self-signed examiner key whose CN and O are escape sequences, and a bundle sealed with it.</summary>
    private (string Bundle, string Certificate) BundleSignedByHostileSubject()
    {
        var key = _dir.Combine("hostile.key");
        var certificate = _dir.Combine("hostile.crt");
        var p12 = _dir.Combine("hostile.p12");
        Run.Tool("openssl", ["req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
            "-out", certificate, "-days", "30", "-utf8", "-subj", $"/O=Org{Hostile}/CN={Hostile}",
            "-addext", "keyUsage=critical,digitalSignature", "-addext", "basicConstraints=critical,CA:false"]).ExitCode.Should().Be(0);
        Run.Tool("openssl", ["pkcs12", "-export", "-inkey", key, "-in", certificate, "-passout", "env:P", "-out", p12],
            environment: new Dictionary<string, string?> { ["P"] = KeyPassphrase }).ExitCode.Should().Be(0);
        _dir.Write("tree/var/log/nginx/access.log", "203.0.113.9 GET /\n");
        var target = _dir.MakeDirectory("target");
        var collect = Run.Executable("evidencekit-collect", ["--profile", "linux-web-nginx", "--root", _dir.Combine("tree"), "--target", target,
            "--mode", "prosecution", "--case", "IR-1", "--key", p12, "--quiet"],
            environment: new Dictionary<string, string?> { ["EVIDENCEKIT_KEY_PASSPHRASE"] = KeyPassphrase });
        collect.ExitCode.Should().Be(0, collect.ToString());
        NothingATerminalWouldObey(collect);
        return (Directory.GetDirectories(target).Single(), certificate);
    }

    [Fact]
    public void A_certificate_subject_with_escape_sequences_cannot_rewrite_the_plain_verdict_line()
    {
        var (bundle, certificate) = BundleSignedByHostileSubject();

        var run = Run.Executable("evidencekit-verify", [bundle, "--trust", certificate]);

        run.ExitCode.Should().Be(0, run.ToString());
        NothingATerminalWouldObey(run);
        LastLine(run.StdOut).Should().StartWith("VALID (exit 0): prosecution bundle, signed by ").And.Contain(@"\x1b]0");
        Run.Executable("evidencekit-verify", [bundle, "--trust", certificate, "--quiet"]).StdOut.Should().StartWith("VALID (exit 0)")
            .And.NotContain("\u001b");
    }

    [Fact]
    public void Custody_show_prints_a_hostile_signer_name_as_visible_text()
    {
        var (bundle, certificate) = BundleSignedByHostileSubject();

        var run = Run.Executable("evidencekit-verify", ["custody", "show", bundle, "--trust", certificate]);

        run.ExitCode.Should().Be(0, run.ToString());
        NothingATerminalWouldObey(run);
        run.StdOut.Should().Contain("sealed    " + HostileShown).And.Contain("The custody chain is intact and every signer is trusted.");
    }

    [Fact]
    public void The_json_report_is_valid_json_holding_the_true_subject()
    {
        var (bundle, certificate) = BundleSignedByHostileSubject();

        var run = Run.Executable("evidencekit-verify", [bundle, "--trust", certificate, "--json"]);

        run.ExitCode.Should().Be(0, run.ToString());
        NothingATerminalWouldObey(run);
        using var json = JsonDocument.Parse(run.StdOut);
        json.RootElement.GetProperty("verdict").GetString().Should().Be("VALID");
        json.RootElement.GetProperty("signer").GetProperty("subject").GetString().Should().Contain(Hostile.Replace(";", "\\;", StringComparison.Ordinal));
    }

    [Fact]
    public void Custody_show_json_is_valid_json_holding_the_true_actor()
    {
        var (bundle, certificate) = BundleSignedByHostileSubject();

        var run = Run.Executable("evidencekit-verify", ["custody", "show", bundle, "--trust", certificate, "--json"]);

        run.ExitCode.Should().Be(0, run.ToString());
        NothingATerminalWouldObey(run);
        using var json = JsonDocument.Parse(run.StdOut);
        json.RootElement.GetProperty("events")[0].GetProperty("event").GetProperty("actor").GetProperty("name").GetString().Should().Be(Hostile);
    }

    [Fact]
    public void On_a_terminal_the_table_and_custody_show_show_the_hostile_subject_as_text_under_an_intact_verdict()
    {
        var (bundle, certificate) = BundleSignedByHostileSubject();
        var verifier = Run.ExecutablePath("evidencekit-verify");

        foreach (var arguments in new[] { $"'{bundle}' --trust '{certificate}'", $"custody show '{bundle}' --trust '{certificate}'" })
        {
            // script(1) gives the verifier a pseudo-terminal, so it draws Spectre tables with its own colours.
            var run = Run.Tool("script", ["-qec", $"stty cols 250; '{verifier}' {arguments}", "/dev/null"],
                environment: new Dictionary<string, string?> { ["TERM"] = "xterm" });

            run.ExitCode.Should().Be(0, run.ToString());
            run.StdOut.Should().NotContain("\u001b]0;pwned").And.NotContain("\u001b[2K\u001b[1A").And.NotContain("\u001b[32mVALID")
                .And.NotContain("\u009b").And.NotContain("\u202e").And.NotContain("\u0007");
            run.StdOut.Should().Contain(@"\x1b]0;pwned\x07\x1b[2K\x1b[1A\x1b[32mVALID");
        }
    }

    [Fact]
    public void A_custody_event_with_escape_sequences_in_its_text_is_shown_escaped_by_custody_show_and_verify()
    {
        var bundle = bundles.Collect();
        var add = bundles.Add(bundle, "transfer", "Test Examiner", "examiner", "--to", "Lena" + Hostile, "--reason", "court" + Hostile,
            "--location", Hostile + "\nVALID (exit 0): forged line");
        add.ExitCode.Should().Be(0, add.ToString());
        NothingATerminalWouldObey(add);

        var show = bundles.Verify("custody", "show", bundle, "--trust", bundles.Root);
        var verify = bundles.Verify(bundle, "--trust", bundles.Root, "--verbose");

        NothingATerminalWouldObey(show);
        show.StdOut.Should().Contain("        to: Lena" + HostileShown).And.Contain(@"\nVALID (exit 0): forged line");
        show.StdOut.Split('\n').Should().NotContain(l => l.StartsWith("VALID", StringComparison.Ordinal), "a newline in an event cannot start a line");
        NothingATerminalWouldObey(verify);
        LastLine(verify.StdOut).Should().StartWith(verify.ExitCode == 0 ? "VALID (exit 0)" : verify.ExitCode == 3 ? "UNTRUSTED (exit 3)" : "INVALID (exit 1)");
    }

    [Fact]
    public void A_planted_file_and_a_bag_info_value_with_escape_sequences_leave_the_invalid_verdict_intact()
    {
        var bundle = bundles.Collect();
        File.WriteAllText(Path.Combine(bundle, "data", "x" + Hostile + ".log"), "planted\n");
        File.AppendAllText(Path.Combine(bundle, BundleLayout.BagInfoTxt), "Contact-Name: " + Hostile + "\n");

        var run = bundles.Verify(bundle, "--trust", bundles.Root, "--verbose");

        run.ExitCode.Should().Be(1, run.ToString());
        NothingATerminalWouldObey(run);
        LastLine(run.StdOut).Should().StartWith("INVALID (exit 1)");
        run.StdOut.Should().Contain("pwned").And.Contain("is not listed in manifest-sha256.txt");
    }
}
