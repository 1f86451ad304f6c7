namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>Any error on one path while planning is one failed record; the rest is planned, copied and sealed.</summary>
public sealed class OneBadPathTests() : SourceAndTargetTest("onebad")
{
    [Fact]
    public async Task A_directory_that_vanishes_between_being_listed_and_being_walked_is_a_record_and_the_run_seals()
    {
        // Given a sub-directory that is removed just before the walk lists it
        Source.Write("var/log/app/app.log", "kept\n");
        var sub = Source.Write("var/log/app/sub/gone.log", "gone\n");
        var source = new VanishingSource(new LinuxSourceFiles(Source.Path), "/var/log/app/sub", () => Directory.Delete(Path.GetDirectoryName(sub)!, recursive: true));
        var harness = new CollectorHarness(Source.Path, Target.Path) { Source = source };

        // When collected
        var result = await harness.Collect(TestProfiles.Of(TestProfiles.Target("app", "/var/log/app/**")));

        // Then the directory is one failed record with its reason, and the log beside it is collected
        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().ContainSingle(s => s.Path == "/var/log/app/sub" && s.Failed && s.Reason == "vanished before it could be read");
        BundleRecords.Files(result.BundlePath).Select(f => f.SourcePath).Should().Equal("/var/log/app/app.log");
    }

    [Fact]
    public async Task An_io_error_on_the_stat_of_a_single_path_is_a_record_and_the_run_seals()
    {
        // Given a disk that returns EIO for one path (a fault the real world cannot make on demand)
        Source.Write("var/log/app/app.log", "kept\n");
        Source.Write("var/log/app/bad.log", "unreadable\n");
        var harness = new CollectorHarness(Source.Path, Target.Path) { Source = new EioSource(new LinuxSourceFiles(Source.Path), "/var/log/app/bad.log") };

        var result = await harness.Collect(TestProfiles.Of(TestProfiles.Target("app", "/var/log/app/bad.log", "/var/log/app/app.log")));

        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().ContainSingle(s => s.Path == "/var/log/app/bad.log" && s.Failed && s.Reason.Contains("Input/output error"));
        BundleRecords.Files(result.BundlePath).Select(f => f.SourcePath).Should().Equal("/var/log/app/app.log");
        result.Manifest!.EmptyTargets.Should().BeEmpty("a path that failed is not a target that matched nothing");
    }

    private sealed class VanishingSource(ISourceFiles inner, string dir, Action remove) : DelegatingSource(inner)
    {
        public override IReadOnlyList<SourceEntry> List(string hostDir)
        {
            if (hostDir == dir)
            {
                remove();
            }
            return Inner.List(hostDir);
        }
    }

    private sealed class EioSource(ISourceFiles inner, string failing) : DelegatingSource(inner)
    {
        public override SourceFileInfo? Stat(string hostPath) => hostPath == failing
            ? throw new SourceFileException(hostPath, "Input/output error (errno 5)", SourceFault.IoError)
            : Inner.Stat(hostPath);
    }
}
