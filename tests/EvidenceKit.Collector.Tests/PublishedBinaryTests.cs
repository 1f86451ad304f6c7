using EvidenceKit.Testing;

namespace EvidenceKit.Collector.Tests;

/// <summary>The self-contained single-file executable that goes on the USB stick runs a collection on its own.</summary>
[Trait("Category", "Slow")]
public sealed class PublishedBinaryTests
{
    [Fact]
    public void The_published_single_file_collector_runs_a_collection_that_sha256sum_accepts()
    {
        using var publish = new TempDirectory("ek-publish-");
        using var root = new TempDirectory("ek-root-");
        using var target = new TempDirectory("ek-target-");
        root.Write("var/log/syslog", "Nov 24 web01 sshd: Accepted publickey\n");
        var project = Path.Combine(Run.RepositoryRoot(), "src", "EvidenceKit.Collector", "EvidenceKit.Collector.csproj");

        var build = Run.Tool("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "true",
            "-p:PublishSingleFile=true", "-p:IncludeNativeLibrariesForSelfExtract=true", "-p:DebugType=none",
            "-p:PublishDocumentationFile=false", "-p:PublishReferencesDocumentationFiles=false", "-o", publish.Path, "--nologo"],
            timeout: TimeSpan.FromMinutes(8));
        build.ExitCode.Should().Be(0, build.ToString());
        var binary = publish.Combine("evidencekit-collect");
        Directory.GetFiles(publish.Path).Select(Path.GetFileName).Should().Contain("evidencekit-collect").And.NotContain(f => f!.EndsWith(".dll"));

        var run = Run.Tool(binary, ["--profile", "linux-base", "--root", root.Path, "--target", target.Path, "--case", "USB"],
            environment: new Dictionary<string, string?> { ["DOTNET_ROOT"] = "/nonexistent" });

        run.ExitCode.Should().Be(0, run.ToString());
        var bundle = Directory.GetDirectories(target.Path).Single();
        Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: bundle).ExitCode.Should().Be(0);
        File.ReadAllText(Path.Combine(bundle, "custody/manifest.json")).Should().Contain(Run.Tool("sha256sum", [binary]).StdOut[..64],
            "the manifest records the SHA-256 of the executable that ran");
    }
}
