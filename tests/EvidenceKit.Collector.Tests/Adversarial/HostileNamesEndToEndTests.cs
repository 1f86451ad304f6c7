using EvidenceKit.Core.Text;
using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests.Adversarial;

/// <summary>Names chosen to hide a file: each file is collected once, under its own bag path, with its own bytes.</summary>
public sealed class HostileNamesEndToEndTests : IDisposable
{
    private readonly TempDirectory _root = new("ek-e2e-names-");
    private readonly TempDirectory _target = new("ek-e2e-names-dst-");
    private readonly TempDirectory _profiles = new("ek-e2e-names-profile-");

    public void Dispose()
    {
        // .NET cannot delete a name that is not valid UTF-8 (it only has the U+FFFD spelling), so rm does it.
        Run.Tool("rm", ["-rf", "--", _root.Path]);
        _root.Dispose();
        _target.Dispose();
        _profiles.Dispose();
    }

    [Fact]
    public void A_backslash_name_beside_its_slash_twin_and_a_name_that_is_not_utf8_are_all_collected_with_atimes_untouched()
    {
        // Given evil\cmd.log beside evil/cmd.log, a latin-1 name, a percent name and its decoded twin
        var logs = _root.Combine("var/log/app");
        _root.Write("var/log/app/evil/cmd.log", "the directory's log\n");
        _root.Write("var/log/app/evil\\cmd.log", "the backslash log\n");
        _root.Write("var/log/app/a%2Fb.log", "percent\n");
        _root.Write("var/log/app/a/b.log", "slash\n");
        byte[] latin1 = [(byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'.', (byte)'l', (byte)'o', (byte)'g'];
        RawFiles.Create(logs, latin1, "latin-1 named\n");
        var rawHost = "/var/log/app/" + RawNames.FromBytes(latin1);
        // find names the raw file itself; .NET could only spell it with U+FFFD
        Run.Tool("find", [_root.Path, "-type", "f", "-exec", "touch", "-a", "-d", HostileTree.PastAtime, "{}", "+"]).ExitCode.Should().Be(0);
        var profile = HostileTree.Profile(_profiles, "/var/log/app/**");

        // When the real collector runs
        var run = Run.Executable("evidencekit-collect", ["--profile", profile, "--root", _root.Path, "--target", _target.Path, "--case", "NAMES"]);

        // Then all five are in the bundle, distinct, each with its own bytes; the raw name's bytes are in base64
        run.ExitCode.Should().Be(0, run.ToString());
        var atimes = Run.Tool("find", [_root.Path, "-type", "f", "-printf", "%A+\\n"]).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        atimes.Should().HaveCount(5).And.OnlyContain(a => a.StartsWith("2020-05-05+05:05:05.123456789", StringComparison.Ordinal));
        var bundle = HostileTree.SealedBundle(_target.Path);
        var files = HostileTree.Manifest(bundle).Files;
        files.Should().HaveCount(5);
        files.Select(f => f.BagPath).Should().OnlyHaveUniqueItems();
        var latin = files.Should().ContainSingle(f => f.SourcePathBase64 != null).Which;
        latin.SourcePath.Should().Be("/var/log/app/caf\\xE9.log");
        Convert.FromBase64String(latin.SourcePathBase64!).Should().Equal(RawNames.ToBytes(rawHost));
        foreach (var f in files)
        {
            var content = File.ReadAllText(Path.Combine(bundle, f.BagPath));
            var expected = f.SourcePathBase64 is null ? File.ReadAllText(_root.Combine(f.SourcePath.TrimStart('/'))) : "latin-1 named\n";
            content.Should().Be(expected, f.SourcePath);
            f.AtimePreserved.Should().BeTrue();
        }
    }
}
