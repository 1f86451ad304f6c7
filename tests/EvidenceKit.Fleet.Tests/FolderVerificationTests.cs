using System.Text.Json;
using EvidenceKit.Fleet.Tests.Support;
using EvidenceKit.Testing;

namespace EvidenceKit.Fleet.Tests;

/// <summary>
/// evidencekit-verify on a folder of bundles, run as the published single-file verifier on copies of the fleet's
/// real bundles: one row per bundle, the worst verdict's exit code, and hostile entries neither followed nor opened.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class FolderVerificationTests(FleetScenario fleet)
{
    [SkippableFact]
    public void A_folder_of_bundles_prints_one_row_per_bundle_and_exits_with_the_worst_verdict()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        using var folder = new TempDirectory("ek-folder-");
        var first = CopyBundle("web11", folder.Path, "a-bundle");
        CopyBundle("web12", folder.Path, "b-bundle");

        var valid = Run.Tool(fleet.Binaries!.Verifier, ["--json", folder.Path]);
        valid.ExitCode.Should().Be(0, valid.StdOut + valid.StdErr);
        var document = JsonDocument.Parse(valid.StdOut).RootElement;
        document.GetProperty("verdict").GetString().Should().Be("VALID");
        var rows = document.GetProperty("bundles").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("name").GetString()).Should().Equal("a-bundle", "b-bundle");
        rows.Should().OnlyContain(r => r.GetProperty("case").GetString() == FleetScenario.Case && r.GetProperty("files").GetInt64() > 0);

        File.AppendAllText(Directory.EnumerateFiles(Path.Combine(first, "data"), "*", SearchOption.AllDirectories).First(), "tampered\n");
        var plain = Run.Tool(fleet.Binaries.Verifier, [folder.Path]);
        plain.ExitCode.Should().Be(1, plain.StdOut);
        plain.StdOut.Should().MatchRegex(@"(?m)^INVALID\s+\S+\s+IR-FLEET-7\s+\d+\s+unsigned\s+a-bundle$");
        plain.StdOut.Should().MatchRegex(@"(?m)^VALID\s+\S+\s+IR-FLEET-7\s+\d+\s+unsigned\s+b-bundle$");
        plain.StdOut.TrimEnd().Split('\n')[^1].Should().StartWith("INVALID (exit 1): 2 bundles");
    }

    [SkippableFact]
    public void A_link_FIFO_or_device_in_the_folder_is_an_ERROR_row_and_is_never_followed_or_opened()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        using var folder = new TempDirectory("ek-folder-");
        var bundle = CopyBundle("web11", folder.Path, "real");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "link-to-real"), bundle);
        SshTool.RunOk("mkfifo", Path.Combine(folder.Path, "fifo"));
        SshTool.RunOk("mknod", Path.Combine(folder.Path, "zero"), "c", "1", "5");

        // A FIFO that were opened would block the verifier; Run.Tool's time limit would then fail the test.
        var result = Run.Tool(fleet.Binaries!.Verifier, ["--json", folder.Path], timeout: TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(2, result.StdOut + result.StdErr);
        var rows = JsonDocument.Parse(result.StdOut).RootElement.GetProperty("bundles").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r);
        rows["real"].GetProperty("verdict").GetString().Should().Be("VALID");
        rows["link-to-real"].GetProperty("verdict").GetString().Should().Be("ERROR");
        rows["link-to-real"].GetProperty("host").ValueKind.Should().Be(JsonValueKind.Null, "the link's target is never read");
        rows["link-to-real"].GetProperty("problems")[0].GetString().Should().Contain("not followed");
        foreach (var special in new[] { "fifo", "zero" })
        {
            rows[special].GetProperty("verdict").GetString().Should().Be("ERROR");
            rows[special].GetProperty("problems")[0].GetString().Should().Contain("not opened");
        }
    }

    [SkippableFact]
    public void A_hostile_bundle_name_cannot_inject_terminal_escapes()
    {
        Skip.If(fleet.SkipReason is not null, fleet.SkipReason);
        using var folder = new TempDirectory("ek-folder-");
        const string hostile = "\u001b]0;pwned\u0007\u001b[2K\u001b[1AALL VALID";
        CopyBundle("web12", folder.Path, hostile);

        var plain = Run.Tool(fleet.Binaries!.Verifier, [folder.Path]);
        plain.ExitCode.Should().Be(0, plain.StdOut);
        plain.StdOut.Should().NotContain("\u001b").And.NotContain("\u0007");
        plain.StdOut.Should().Contain(@"\x1b]0;pwned\x07\x1b[2K\x1b[1AALL VALID");

        var json = Run.Tool(fleet.Binaries.Verifier, ["--json", folder.Path]);
        json.StdOut.Should().NotContain("\u001b");
        JsonDocument.Parse(json.StdOut).RootElement.GetProperty("bundles")[0].GetProperty("name").GetString().Should().Be(hostile);
    }

    private string CopyBundle(string host, string folder, string name)
    {
        var source = fleet.SealedBundle(host);
        var destination = Path.Combine(folder, name);
        SshTool.RunOk("cp", "-a", source, destination);
        return destination;
    }
}
