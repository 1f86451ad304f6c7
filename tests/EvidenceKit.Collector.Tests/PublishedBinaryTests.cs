using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>
/// The self-contained single-file executable that goes on the USB stick, as README's publish command makes it
/// (the one publish of the current sources the tests share, <see cref="PublishedExecutables"/>), runs a collection
/// on its own.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PublishedBinaryTests
{
    [Fact]
    public void The_published_single_file_collector_runs_a_collection_that_sha256sum_accepts()
    {
        using var root = new TempDirectory("ek-root-");
        using var target = new TempDirectory("ek-target-");
        root.Write("var/log/syslog", "Nov 24 web01 sshd: Accepted publickey\n");

        var binary = PublishedExecutables.Collector;
        Directory.GetFiles(PublishedExecutables.Folder).Select(Path.GetFileName).Should()
            .Contain(["evidencekit-collect", "evidencekit-verify"]).And.NotContain(f => f!.EndsWith(".dll"));

        var run = Run.Tool(binary, ["--profile", "linux-base", "--root", root.Path, "--target", target.Path, "--case", "USB"],
            environment: new Dictionary<string, string?> { ["DOTNET_ROOT"] = "/nonexistent" });

        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Directory.GetDirectories(target.Path).Single();
        Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: bundle).ExitCode.Should().Be(0);
        File.ReadAllText(Path.Combine(bundle, "custody/manifest.json")).Should().Contain(Run.Tool("sha256sum", [binary]).StdOut[..64],
            "the manifest records the SHA-256 of the executable that ran");
    }

    [Fact]
    public void A_publish_from_other_sources_is_not_used()
    {
        var folder = PublishedExecutables.Folder;
        var stamp = folder + ".source-key";

        File.ReadAllText(stamp).Trim().Should().Be(PublishedExecutables.SourceKey(Run.RepositoryRoot()),
            "the shared folder is used only when it was published from the sources as they are");
        using var copy = new TempDirectory("ek-key-");
        Run.Tool("cp", ["-a", Path.Combine(Run.RepositoryRoot(), "scripts"), Path.Combine(Run.RepositoryRoot(), "profiles"),
            Path.Combine(Run.RepositoryRoot(), "global.json"), Path.Combine(Run.RepositoryRoot(), "Directory.Build.props"),
            Path.Combine(Run.RepositoryRoot(), "Directory.Packages.props"), copy.Path]).ExitCode.Should().Be(0);
        copy.Write("src/EvidenceKit.Cli/A.cs", "class A {}\n");
        var before = PublishedExecutables.SourceKey(copy.Path);
        copy.Write("src/EvidenceKit.Cli/A.cs", "class A { }\n");
        var changed = PublishedExecutables.SourceKey(copy.Path);
        copy.Write("src/EvidenceKit.Cli/obj/B.cs", "build output\n");

        changed.Should().NotBe(before, "one changed byte of a source file changes the key");
        PublishedExecutables.SourceKey(copy.Path).Should().Be(changed, "build output (bin/, obj/) is not a source");
    }
}
