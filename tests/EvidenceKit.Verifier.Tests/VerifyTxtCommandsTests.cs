using System.Text;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Tests.Custody;

namespace EvidenceKit.Verifier.Tests;

/// <summary>
/// VERIFY.txt promises that its commands check a bundle with standard tools on a stock Debian 12 (OpenSSL 3.0,
/// coreutils 9.1). These tests take the VERIFY.txt of bundles made by the real collector, pull out every command
/// exactly as printed, replace only the placeholders it names (as it tells the reader to), and run each in bash in
/// the bag root.
/// </summary>
public sealed class VerifyTxtCommandsTests(CustodyBundles bundles) : IClassFixture<CustodyBundles>
{
    [Fact]
    public void Every_command_of_a_timestamped_prosecution_bundle_s_VERIFY_txt_works_as_printed()
    {
        using var tsa = TsaServer.WithOpenSsl(bundles.Pki, bundles.NewDirectory("tsa"));
        var bundle = bundles.Collect("--tsa", tsa.Url.ToString());
        var text = File.ReadAllText(Path.Combine(bundle, BundleLayout.VerifyTxt));
        var commands = Commands(text);

        commands.Should().HaveCount(9, text);
        text.Should().Contain(RealFingerprint()).And.Contain(VerifyInstructions.RootPlaceholder).And.Contain(VerifyInstructions.TsaRootPlaceholder);
        foreach (var command in commands)
        {
            var run = RunCommand(bundle, command);
            Expectation(command, bundle)(run).Should().BeNull($"'{command}' must work as printed; it gave {run}");
        }
    }

    [Fact]
    public void Every_command_of_an_analysis_bundle_s_VERIFY_txt_works_as_printed_and_no_signature_step_is_listed()
    {
        var bundle = CollectAnalysis();
        var text = File.ReadAllText(Path.Combine(bundle, BundleLayout.VerifyTxt));
        var commands = Commands(text);

        commands.Should().HaveCount(4, text);
        text.Should().NotContain("openssl").And.NotContain(VerifyInstructions.RootPlaceholder)
            .And.Contain("prove that the files match their manifest,\nnot who collected them or when");
        foreach (var command in commands)
        {
            var run = RunCommand(bundle, command);
            Expectation(command, bundle)(run).Should().BeNull($"'{command}' must work as printed; it gave {run}");
        }
    }

    [Fact]
    public void A_changed_payload_byte_makes_the_payload_command_fail_and_only_it()
    {
        var bundle = bundles.Collect();
        var log = Directory.EnumerateFiles(Path.Combine(bundle, "data"), "access.log", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(log);
        bytes[0] ^= 0x01;
        File.WriteAllBytes(log, bytes);

        var outcomes = Commands(File.ReadAllText(Path.Combine(bundle, BundleLayout.VerifyTxt)))
            .ToDictionary(c => c, c => Expectation(c, bundle)(RunCommand(bundle, c)));

        outcomes.Where(o => o.Value is not null).Select(o => o.Key).Should().ContainSingle()
            .Which.Should().Be("sha256sum -c --strict manifest-sha256.txt");
    }

    [Fact]
    public void A_changed_manifest_json_makes_the_tag_cross_check_signature_and_fingerprint_commands_fail()
    {
        var bundle = bundles.Collect();
        var manifestPath = Path.Combine(bundle, BundleLayout.ManifestJson);
        var manifest = File.ReadAllText(manifestPath);
        const string RecordsHash = "\n    \"sha256\": \"";
        var at = manifest.IndexOf(RecordsHash, manifest.IndexOf("\n  \"records\": {", StringComparison.Ordinal), StringComparison.Ordinal) + RecordsHash.Length;
        File.WriteAllText(manifestPath, manifest[..at] + (manifest[at] == '0' ? '1' : '0') + manifest[(at + 1)..]);

        var failed = Commands(File.ReadAllText(Path.Combine(bundle, BundleLayout.VerifyTxt)))
            .Where(c => Expectation(c, bundle)(RunCommand(bundle, c)) is not null)
            .ToList();

        failed.Should().HaveCount(5);
        failed.Should().Contain("sha256sum -c --strict tagmanifest-sha256.txt");
        failed.Should().Contain(VerifyInstructions.CrossCheckCommand).And.Contain(VerifyInstructions.JqCrossCheckCommand)
            .And.Contain(VerifyInstructions.FingerprintCommand);
        failed.Should().Contain(c => c.StartsWith("openssl cms -verify -binary -inform DER -in custody/manifest.json.p7s", StringComparison.Ordinal));
    }

    /// <summary>The commands of a VERIFY.txt: each line starting with "$ " and the lines it continues onto with a trailing backslash.</summary>
    private static List<string> Commands(string text)
    {
        var commands = new List<string>();
        StringBuilder? current = null;
        foreach (var line in text.Split('\n'))
        {
            if (current is not null)
            {
                current.Append('\n').Append(line);
            }
            else if (line.TrimStart().StartsWith(VerifyInstructions.CommandPrefix, StringComparison.Ordinal))
            {
                current = new StringBuilder(line.TrimStart()[VerifyInstructions.CommandPrefix.Length..]);
            }
            if (current is not null && !line.EndsWith('\\'))
            {
                commands.Add(current.ToString());
                current = null;
            }
        }
        current.Should().BeNull("no command may end the file with a continuation");
        return commands;
    }

    private ProcessResult RunCommand(string bundle, string command) =>
        Run.Tool("bash", ["-c", command
            .Replace(VerifyInstructions.RootPlaceholder, bundles.Root, StringComparison.Ordinal)
            .Replace(VerifyInstructions.TsaRootPlaceholder, bundles.Root, StringComparison.Ordinal)],
            workingDirectory: bundle, timeout: TimeSpan.FromSeconds(60));

    /// <summary>What the line before a command promises it prints; null when the run kept the promise, else why not.</summary>
    private Func<ProcessResult, string?> Expectation(string command, string bundle)
    {
        static string? Must(bool ok, string promise) => ok ? null : promise;
        static bool EveryLineOk(string output) =>
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } lines && lines.All(l => l.EndsWith(": OK", StringComparison.Ordinal));

        if (command.StartsWith("sha256sum -c --strict ", StringComparison.Ordinal))
        {
            return run => Must(run.ExitCode == 0 && EveryLineOk(run.StdOut), "exit 0 and every line ends in ': OK'");
        }
        if (command.EndsWith("&& echo same", StringComparison.Ordinal))
        {
            return run => Must(run.ExitCode == 0 && run.StdOut == "same\n", "exit 0 and prints exactly 'same'");
        }
        if (command == VerifyInstructions.FingerprintCommand)
        {
            var expected = RealFingerprint();
            return run => Must(run.ExitCode == 0 && run.StdOut.Trim() == $"sha256 Fingerprint={expected}", $"prints the examiner certificate's fingerprint {expected}");
        }
        if (command.StartsWith("for e in custody/events/*.json", StringComparison.Ordinal))
        {
            var events = Directory.GetFiles(Path.Combine(bundle, BundleLayout.EventsDir), "*.json").Length;
            return run => Must(run.ExitCode == 0 && EveryLineOk(run.StdOut) && run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == events,
                $"one line ending in ': OK' for each of the {events} events");
        }
        if (command.StartsWith("openssl cms -verify -binary -inform DER -in custody/manifest.json.p7s", StringComparison.Ordinal))
        {
            return run => Must(run.ExitCode == 0 && run.StdErr.Contains("CMS Verification successful", StringComparison.Ordinal), "prints 'CMS Verification successful'");
        }
        if (command.StartsWith("openssl ts -verify", StringComparison.Ordinal))
        {
            return run => Must(run.ExitCode == 0 && run.StdOut.Contains("Verification: OK", StringComparison.Ordinal), "prints 'Verification: OK'");
        }
        if (command.StartsWith("openssl ts -reply", StringComparison.Ordinal))
        {
            var year = DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return run => Must(run.ExitCode == 0 && run.StdOut.StartsWith("Time stamp: ", StringComparison.Ordinal) && run.StdOut.Contains(year, StringComparison.Ordinal),
                "prints the authority's 'Time stamp:' line");
        }
        throw new InvalidOperationException($"VERIFY.txt prints a command this test has no expectation for: {command}");
    }

    private string RealFingerprint()
    {
        var run = Run.Tool("openssl", ["x509", "-in", Path.Combine(bundles.Pki, "examiner.crt"), "-noout", "-fingerprint", "-sha256"]);
        run.ExitCode.Should().Be(0, run.ToString());
        return run.StdOut.Trim().Split('=')[1];
    }

    private string CollectAnalysis()
    {
        var source = bundles.NewDirectory("analysis-tree");
        File.WriteAllText(Directory.CreateDirectory(Path.Combine(source, "var/log/nginx")).FullName + "/access.log", "GET / 200\n");
        var target = bundles.NewDirectory("analysis-target");
        var run = Run.Executable("evidencekit-collect",
            ["--profile", "linux-web-nginx", "--root", source, "--target", target, "--mode", "analysis", "--case", "IR-2026-8", "--quiet"]);
        run.ExitCode.Should().Be(0, run.ToString());
        return Directory.GetDirectories(target).Single();
    }
}
