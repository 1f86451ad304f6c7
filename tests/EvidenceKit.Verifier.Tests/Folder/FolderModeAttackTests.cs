using System.IO.Abstractions;
using System.Text.Json;
using EvidenceKit.Cli;
using EvidenceKit.Core.Verification;
using EvidenceKit.Core.Verification.Snapshot;
using EvidenceKit.Testing;
using EvidenceKit.Verifier.Folder;
using EvidenceKit.Verifier.Tests.Support;

namespace EvidenceKit.Verifier.Tests.Folder;

/// <summary>
/// <c>evidencekit-verify FOLDER</c> as the attacker who can write in the folder: links, FIFOs and devices planted
/// beside the bundles, and entries swapped between the listing, the open and the verification. The folder is held by
/// one handle and each bundle is read from its own open directory, so none of this can change what is verified.
/// </summary>
public sealed class FolderModeAttackTests : IDisposable
{
    private readonly TempDirectory _folder = new("ek-folder-");
    private readonly List<BundleBuilder> _builders = [];
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose()
    {
        _folder.Dispose();
        foreach (var builder in _builders)
        {
            builder.Dispose();
        }
        _stdout.Dispose();
        _stderr.Dispose();
    }

    [Fact]
    public void A_symlink_to_a_valid_bundle_elsewhere_is_an_ERROR_row_and_its_target_is_never_read()
    {
        Copy(ValidBundle(), "real");
        File.CreateSymbolicLink(_folder.Combine("link-to-valid"), ValidBundle());

        var rows = RunJson();

        rows["real"].GetProperty("verdict").GetString().Should().Be("VALID");
        rows["link-to-valid"].GetProperty("verdict").GetString().Should().Be("ERROR");
        rows["link-to-valid"].GetProperty("host").ValueKind.Should().Be(JsonValueKind.Null, "the link's target is never read");
        rows["link-to-valid"].GetProperty("problems")[0].GetString().Should().Contain("symbolic link; not followed");
    }

    [Fact]
    public async Task A_FIFO_and_a_device_in_the_folder_are_ERROR_rows_and_are_never_opened()
    {
        Copy(ValidBundle(), "real");
        Run.Tool("mkfifo", [_folder.Combine("fifo")]).ExitCode.Should().Be(0);
        var device = Run.Tool("mknod", [_folder.Combine("zero"), "c", "1", "5"]).ExitCode == 0;

        // A FIFO that were opened would block for ever: the run is bounded, and a hang fails the test.
        var rows = await Task.Run(RunJson).WaitAsync(TimeSpan.FromMinutes(2));

        rows["real"].GetProperty("verdict").GetString().Should().Be("VALID");
        rows["fifo"].GetProperty("verdict").GetString().Should().Be("ERROR");
        rows["fifo"].GetProperty("problems")[0].GetString().Should().ContainEquivalentOf("fifo").And.Contain("not opened");
        if (device)
        {
            rows["zero"].GetProperty("problems")[0].GetString().Should().Contain("device").And.Contain("not opened");
        }
    }

    [Fact]
    public void A_tampered_bundle_swapped_for_a_link_to_a_valid_bundle_after_it_was_opened_is_still_verified_as_itself()
    {
        var tampered = Copy(ValidBundle(), "b-tampered");
        Tamper(tampered);
        var elsewhere = ValidBundle();

        var rows = FolderVerification.Run(_folder.Path, (path, bag) =>
        {
            // The attacker's move, after the verifier opened the entry and before it reads it.
            Directory.Move(path, _folder.Combine(".hidden-" + Path.GetFileName(path)));
            File.CreateSymbolicLink(path, elsewhere);
            return Verifier(bag).Verify(path);
        }, expectedHost: null);

        var row = rows.Single(r => r.Name == "b-tampered");
        row.Verdict.Should().Be(Verdict.Invalid, "the directory that was opened (the tampered one) is what is read, not the link put in its place");
        row.Problems.Should().Contain(p => p.Contains("payload", StringComparison.OrdinalIgnoreCase) || p.Contains("hash", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_tampered_bundle_swapped_for_a_link_between_the_listing_and_its_open_is_an_ERROR_row_not_a_followed_link()
    {
        Copy(ValidBundle(), "a-valid");
        var tampered = Copy(ValidBundle(), "b-tampered");
        Tamper(tampered);
        var elsewhere = ValidBundle();

        var rows = FolderVerification.Run(_folder.Path, (path, bag) =>
        {
            if (Path.GetFileName(path) == "a-valid")
            {
                // b-tampered is already listed (a directory then) but not opened yet.
                Directory.Move(tampered, _folder.Combine("..", Path.GetFileName(_folder.Path) + "-moved-away"));
                File.CreateSymbolicLink(tampered, elsewhere);
            }
            return Verifier(bag).Verify(path);
        }, expectedHost: null);

        rows.Select(r => r.Name).Should().Equal("a-valid", "b-tampered");
        rows[1].Verdict.Should().Be(Verdict.Error);
        rows[1].Host.Should().BeNull("the link's target is never read");
        rows[1].Problems.Should().ContainSingle().Which.Should().Contain("symbolic link; not followed");
        Directory.Delete(_folder.Combine("..", Path.GetFileName(_folder.Path) + "-moved-away"), recursive: true);
    }

    [Fact]
    public void An_entry_whose_name_is_not_UTF_8_is_an_ERROR_row_with_its_name_escaped_and_is_not_opened()
    {
        Copy(ValidBundle(), "real");
        // A raw byte name is made through the shell: .NET's own APIs only take UTF-16 names.
        Run.Tool("sh", ["-c", "mkdir \"$(printf 'bad\\377name')\""], _folder.Path).ExitCode.Should().Be(0);

        var rows = RunJson();

        rows[@"bad\xffname"].GetProperty("verdict").GetString().Should().Be("ERROR");
        rows[@"bad\xffname"].GetProperty("problems")[0].GetString().Should().Contain("not UTF-8");
    }

    [Theory]
    [InlineData("web1")]
    [InlineData("WEB1")]
    [InlineData("web1.example.org")]
    public void A_bundle_whose_manifest_names_the_expected_host_is_VALID(string expected)
    {
        Copy(ValidBundle(), "bundle");

        var exit = Verify("--json", "--expect-host", expected, _folder.Path);

        exit.Should().Be(ExitCodes.Ok, _stdout.ToString() + _stderr);
    }

    [Theory]
    [InlineData("web2")]
    [InlineData("web1x")]
    [InlineData("web2.example.org")]
    public void A_valid_bundle_found_in_another_host_s_folder_is_INVALID_and_says_which_host_it_claims(string expected)
    {
        Copy(ValidBundle(), "bundle");

        var exit = Verify("--expect-host", expected, _folder.Path);

        exit.Should().Be(ExitCodes.Of(Verdict.Invalid), _stdout.ToString() + _stderr);
        _stdout.ToString().Should().MatchRegex(@"(?m)^INVALID\s+web1\s");
        _stdout.ToString().Should().Contain($"host-binding: the manifest says the bundle was collected on web1, but this folder holds the bundles of {expected}");
    }

    [Fact]
    public void Expect_host_on_a_single_bundle_is_refused_as_bad_input()
    {
        var exit = Verify("--expect-host", "web1", ValidBundle());

        exit.Should().Be(ExitCodes.BadInput);
        _stderr.ToString().Should().Contain("--expect-host applies to a folder of bundles");
    }

    private Dictionary<string, JsonElement> RunJson()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        TopLevel.Invoke(VerifierRoot.Executable, VerifierRoot.Build(VerifierServices.Real(TimeProvider.System), stdout, stderr, stdoutIsTerminal: false),
            ["--json", _folder.Path], stdout, stderr);
        return JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("bundles").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.Clone());
    }

    private int Verify(params string[] args) => TopLevel.Invoke(VerifierRoot.Executable,
        VerifierRoot.Build(VerifierServices.Real(TimeProvider.System), _stdout, _stderr, stdoutIsTerminal: false), args, _stdout, _stderr);

    private static BundleVerifier Verifier(IBagFilesFactory bag) =>
        new(new FileSystem(), bag, new FakeCms(), TimeProvider.System, new VerificationOptions());

    private string ValidBundle()
    {
        var builder = new BundleBuilder();
        _builders.Add(builder);
        return builder.Build();
    }

    private string Copy(string bundle, string name)
    {
        var destination = _folder.Combine(name);
        Run.Tool("cp", ["-a", bundle, destination]).ExitCode.Should().Be(0);
        return destination;
    }

    private static void Tamper(string bundle) =>
        File.AppendAllText(Directory.EnumerateFiles(Path.Combine(bundle, "data"), "*", SearchOption.AllDirectories).First(), "tampered\n");
}
