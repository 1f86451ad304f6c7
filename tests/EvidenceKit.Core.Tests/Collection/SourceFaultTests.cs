using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;

namespace EvidenceKit.Core.Tests.Collection;

/// <summary>Per-file source faults during a whole run: recorded for that file, the run goes on and seals.</summary>
public sealed class SourceFaultTests() : SourceAndTargetTest("srcfault")
{
    private static EvidenceKit.Core.Profiles.ResolvedProfile Profile() => TestProfiles.Of(TestProfiles.Target("app", "/var/log/app/*"));

    [Fact]
    public async Task A_file_deleted_after_planning_is_recorded_as_vanished_and_the_rest_is_sealed()
    {
        // Given a plan of two files, one of which is deleted before the copy starts
        var gone = Source.Write("var/log/app/old.log", "rotated away\n");
        Source.Write("var/log/app/app.log", "current\n");
        var harness = new CollectorHarness(Source.Path, Target.Path);
        var plan = harness.Plan(Profile());
        plan.Files.Should().HaveCount(2);
        File.Delete(gone);

        // When the plan is collected
        var result = await harness.Collect(plan);

        // Then the bundle is sealed, with the vanished file listed as failed (the collector exits 3 for this)
        result.Sealed.Should().BeTrue(result.Error);
        var skipped = result.Skipped.Should().ContainSingle().Which;
        skipped.Path.Should().Be("/var/log/app/old.log");
        skipped.Reason.Should().Be("vanished before it could be read");
        skipped.Failed.Should().BeTrue();
        skipped.Outcome.Should().Be(SkipOutcome.Vanished);
        result.Manifest!.Skipped.Should().ContainEquivalentOf(skipped);
        File.ReadAllText(Path.Combine(result.BundlePath, BundleLayout.ManifestJson)).Should().Contain("\"outcome\": \"vanished\"");
        BundleRecords.Files(result.BundlePath).Select(f => f.SourcePath).Should().Equal("/var/log/app/app.log");
        Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: result.BundlePath).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task A_read_error_in_the_middle_of_one_file_is_recorded_for_it_and_the_run_seals_with_the_others()
    {
        Source.Write("var/log/app/bad.log", new byte[256 * 1024]);
        Source.Write("var/log/app/good.log", "fine\n");
        var harness = new CollectorHarness(Source.Path, Target.Path) { Source = new ReadErrorSource(new LinuxSourceFiles(Source.Path), "bad.log") };

        var result = await harness.Collect(Profile());

        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().ContainSingle(s => s.Path == "/var/log/app/bad.log" && s.Failed
            && s.Outcome == SkipOutcome.IoError && s.Reason.StartsWith("read error after 4096 bytes") && s.Reason.Contains("Input/output error"));
        BundleRecords.Files(result.BundlePath).Select(f => f.SourcePath).Should().Equal("/var/log/app/good.log");
        Directory.GetFiles(Path.Combine(result.BundlePath, "data"), "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName).Should().Equal("good.log");
    }

    private sealed class ReadErrorSource(ISourceFiles inner, string failing) : DelegatingSource(inner)
    {
        public override SourceStream OpenRead(string path)
        {
            var opened = Inner.OpenRead(path);
            return path.EndsWith(failing, StringComparison.Ordinal)
                ? opened with { Stream = new ThrowingStream(opened.Stream, new IOException("Input/output error"), afterBytes: 4096) }
                : opened;
        }
    }
}
