using EvidenceKit.Testing;
using System.Text.Json;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests;

/// <summary>Runs the published evidencekit-verify as a user would.</summary>
public sealed class VerifyExecutableTests
{
    private static ProcessResult Verify(params string[] args) =>
        Run.Executable("evidencekit-verify", args, timeout: TimeSpan.FromSeconds(120));

    [Fact]
    public void A_clean_bundle_exits_0_and_is_left_unchanged()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        var before = builder.Snapshot();

        var result = Verify(dir);

        result.ExitCode.Should().Be(0, result.StdOut + result.StdErr);
        result.StdOut.Should().Contain("VALID (exit 0): analysis bundle, unsigned");
        result.StdOut.Should().MatchRegex(@"PASS\s+payload-files\s+3 files present");
        builder.Snapshot().Should().Equal(before);
    }

    [Fact]
    public void Json_output_is_one_document_with_every_check_the_verdict_the_exit_code_and_figures()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();

        var result = Verify(dir, "--json");

        result.ExitCode.Should().Be(0, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        var root = doc.RootElement;
        root.GetProperty("verdict").GetString().Should().Be("VALID");
        root.GetProperty("exitCode").GetInt32().Should().Be(0);
        root.GetProperty("mode").GetString().Should().Be("analysis");
        root.GetProperty("signed").GetBoolean().Should().BeFalse();
        root.GetProperty("figures").GetProperty("files").GetInt64().Should().Be(3);
        root.GetProperty("figures").GetProperty("bytes").GetInt64().Should().BeGreaterThan(0);
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        checks.Select(c => c.GetProperty("name").GetString()).Should().Contain(["bagit-declaration", "payload-files", "unlisted-files", "tag-manifest", "custody-manifest-files", "signature"]);
        checks.Should().OnlyContain(c => c.GetProperty("outcome").GetString() == "pass" || c.GetProperty("outcome").GetString() == "skip");
    }

    [Fact]
    public void A_tampered_bundle_exits_1_and_names_the_file_in_json()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        File.AppendAllText(builder.PathOf("data/var/log/syslog"), "forged\n");
        var before = builder.Snapshot();

        var result = Verify(dir, "--json");

        result.ExitCode.Should().Be(1);
        using var doc = JsonDocument.Parse(result.StdOut);
        doc.RootElement.GetProperty("verdict").GetString().Should().Be("INVALID");
        doc.RootElement.GetProperty("exitCode").GetInt32().Should().Be(1);
        var payload = doc.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "payload-files");
        payload.GetProperty("outcome").GetString().Should().Be("fail");
        payload.GetProperty("items").EnumerateArray().Select(i => i.GetString()).Should().Contain(i => i!.Contains("'data/var/log/syslog': size is"));
        builder.Snapshot().Should().Equal(before);
    }

    [Fact]
    public void A_partial_bundle_exits_3_and_lists_what_was_finished()
    {
        using var builder = new BundleBuilder().Partial();
        var dir = builder.Build();

        var result = Verify(dir);

        result.ExitCode.Should().Be(3, result.StdOut + result.StdErr);
        result.StdOut.Should().Contain("INCOMPLETE (exit 3)").And.Contain("- data/var/log/syslog");
    }

    [Fact]
    public void An_unsigned_bundle_exits_3_when_a_signature_is_required()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();

        Verify(dir, "--require-signature", "--quiet").ExitCode.Should().Be(3);
    }

    [Fact]
    public void A_directory_that_is_not_a_bundle_exits_2()
    {
        using var temp = new TempDirectory();

        var result = Verify(temp.Path, "--quiet");

        result.ExitCode.Should().Be(2);
        result.StdOut.Should().Contain("ERROR (exit 2)");
    }

    [Theory]
    [InlineData("")]
    [InlineData("--no-such-option|x")]
    [InlineData("x|--quiet|--verbose")]
    [InlineData("x|--trust-fingerprint|abc")]
    [InlineData("x|--trust|/nonexistent/root.pem")]
    public void A_usage_error_exits_2_with_one_line_and_no_stack_trace(string args)
    {
        var result = Verify(args.Split('|', StringSplitOptions.RemoveEmptyEntries));

        result.ExitCode.Should().Be(2);
        result.StdErr.Should().StartWith("evidencekit-verify: ");
        result.StdErr.Should().NotContain("   at ");
        result.StdOut.Should().BeEmpty();
    }

    [Fact]
    public void The_quiet_report_is_one_line()
    {
        using var builder = new BundleBuilder();
        var dir = builder.Build();
        File.Delete(builder.PathOf(BundleLayout.VerifyTxt));

        var result = Verify(dir, "--quiet");

        result.ExitCode.Should().Be(1);
        result.StdOut.TrimEnd('\n').Split('\n').Should().ContainSingle().Which.Should().StartWith("INVALID (exit 1)");
    }
}
