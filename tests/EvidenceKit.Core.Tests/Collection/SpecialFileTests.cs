using System.Net.Sockets;

namespace EvidenceKit.Core.Tests.Collection;

/// <summary>Sockets, devices and FIFOs matched by a glob are never opened, are recorded with their type, and the run finishes.</summary>
public sealed class SpecialFileTests() : SourceAndTargetTest("special")
{
    private CollectorHarness Harness() => new(Source.Path, Target.Path);

    private static EvidenceKit.Core.Profiles.ResolvedProfile Profile() => TestProfiles.Of(TestProfiles.Target("app", "/var/run/app/*"));

    [Fact]
    public async Task A_unix_socket_matched_by_a_glob_is_recorded_as_skipped_with_its_type_and_the_run_seals()
    {
        // Given a live Unix domain socket next to a log
        Source.Write("var/run/app/app.log", "started\n");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Source.Combine("var/run/app/control.sock")));
        socket.Listen(1);

        // When the tree is collected
        var result = await Harness().Collect(Profile());

        // Then the socket is listed as skipped with its type and the log is collected
        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().ContainSingle().Which.Should().Match<EvidenceKit.Core.Bundles.Manifest.SkippedRecord>(s =>
            s.Path == "/var/run/app/control.sock" && s.Reason == "socket (never opened)");
        result.Manifest!.Skipped.Should().ContainSingle(s => s.Path == "/var/run/app/control.sock");
        BundleRecords.Files(result.BundlePath).Select(f => f.SourcePath).Should().Equal("/var/run/app/app.log");
    }

    [SkippableFact]
    [Trait("Category", "Root")]
    public async Task A_character_device_matched_by_a_glob_is_recorded_as_skipped_with_its_type_and_the_run_seals()
    {
        Requires.Root("mknod makes the device");
        Source.Write("var/run/app/app.log", "started\n");
        var mknod = Run.Tool("mknod", [Source.Combine("var/run/app/null.log"), "c", "1", "3"]);
        mknod.ExitCode.Should().Be(0, mknod.ToString());

        var result = await Harness().Collect(Profile());

        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().ContainSingle(s => s.Path == "/var/run/app/null.log" && s.Reason == "character-device (never opened)"
            && s.Outcome == EvidenceKit.Core.Bundles.Manifest.SkipOutcome.SpecialFile && !s.Failed);
        BundleRecords.Files(result.BundlePath).Select(f => f.SourcePath).Should().Equal("/var/run/app/app.log");
    }

    [Fact]
    public async Task A_fifo_swapped_in_after_planning_is_not_waited_on_and_is_recorded_as_not_a_regular_file()
    {
        // Given a regular file that is replaced by a FIFO between planning and copying
        var path = Source.Write("var/run/app/app.log", "started\n");
        Source.Write("var/run/app/other.log", "other\n");
        var harness = Harness();
        var plan = harness.Plan(Profile());
        File.Delete(path);
        Run.Tool("mkfifo", [path]).ExitCode.Should().Be(0);

        // When the plan is collected (on another thread: a blocking open would never return)
        var run = Task.Run(() => harness.Collect(plan));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));

        // Then the run finishes, and the FIFO is recorded as failed with its type
        finished.Should().BeSameAs(run, "opening a FIFO must not block the run");
        var result = await run;
        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().ContainSingle(s => s.Path == "/var/run/app/app.log" && s.Reason == "not a regular file (fifo)" && s.Failed
            && s.Outcome == EvidenceKit.Core.Bundles.Manifest.SkipOutcome.NotRegular);
        BundleRecords.Files(result.BundlePath).Select(f => f.SourcePath).Should().Equal("/var/run/app/other.log");
    }
}
