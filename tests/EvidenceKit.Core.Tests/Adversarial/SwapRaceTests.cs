namespace EvidenceKit.Core.Tests.Adversarial;

/// <summary>
/// The source changes under the collector: a directory is swapped for a link to the examiner's files while the
/// planner walks and the engine copies, and a planned log is swapped for a FIFO. Nothing from outside the root
/// is collected, the outside file's access time never moves, and every run finishes and seals.
/// </summary>
public sealed class SwapRaceTests : IDisposable
{
    private const string PastAtime = "2020-05-05 05:05:05.123456789 UTC";
    private const string Secret = "SECRET-OUTSIDE-THE-ROOT";
    private readonly TempDirectory _source = new("ek-race-src-");
    private readonly TempDirectory _outside = new("ek-race-out-");
    private readonly TempDirectory _target = new("ek-race-dst-");
    private readonly string _sentinel;

    public SwapRaceTests()
    {
        _sentinel = _outside.Write("app.log", Secret + "\n");
        _outside.Write("sub/app.log", Secret + " in a subdirectory\n");
        Run.Tool("touch", ["-a", "-d", PastAtime, _sentinel]).ExitCode.Should().Be(0);
    }

    public void Dispose()
    {
        _source.Dispose();
        _outside.Dispose();
        _target.Dispose();
    }

    private static string Atime(string path) => Run.Tool("stat", ["-c", "%x", path]).StdOut.Trim();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_directory_swapped_for_a_link_to_the_examiners_files_during_walk_and_copy_never_yields_their_bytes(bool absoluteLink)
    {
        // Given /var/log/app (with a sub-directory) that a racing thread keeps swapping for a link outside the root
        var app = _source.Combine("var/log/app");
        var parked = _source.Combine("var/log/app.parked");
        _source.Write("var/log/app/app.log", "inside\n");
        _source.Write("var/log/app/sub/app.log", "inside sub\n");
        var linkTarget = absoluteLink ? _outside.Path : string.Concat(Enumerable.Repeat("../", 16)) + _outside.Path.TrimStart('/');
        var stop = 0;
        var swaps = 0;
        var racer = new Thread(() =>
        {
            for (var i = 0; i < 200_000 && Volatile.Read(ref stop) == 0; i++)
            {
                try
                {
                    Directory.Move(app, parked);
                    File.CreateSymbolicLink(app, linkTarget);
                    File.Delete(app);
                    Directory.Move(parked, app);
                    swaps++;
                }
                catch (IOException)
                {
                    // The collector may hold the directory open; try again.
                }
            }
        });

        // When the whole collection runs 12 times while the racer swaps
        racer.Start();
        var results = new List<EvidenceKit.Core.Collection.CollectionResult>();
        try
        {
            for (var run = 0; run < 12; run++)
            {
                var runTarget = Directory.CreateDirectory(_target.Combine($"run{run}")).FullName;
                results.Add(await new CollectorHarness(_source.Path, runTarget).Collect(
                    TestProfiles.Of(TestProfiles.Target("app", "/var/log/app/**"), TestProfiles.Target("single", "/var/log/app/sub/app.log"))));
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            racer.Join(TimeSpan.FromSeconds(60)).Should().BeTrue("the racer is bounded");
        }

        // Then every run sealed, no bundle holds a byte of the outside files, and their access time did not move
        swaps.Should().BeGreaterThan(0);
        results.Should().OnlyContain(r => r.Sealed);
        foreach (var file in Directory.EnumerateFiles(_target.Path, "*", SearchOption.AllDirectories))
        {
            File.ReadAllText(file).Should().NotContain(Secret, file);
        }
        Atime(_sentinel).Should().StartWith("2020-05-05 05:05:05.123456789");
    }

    [Fact]
    public async Task A_log_swapped_for_a_fifo_after_planning_is_recorded_not_collected_and_the_run_does_not_hang()
    {
        // Given a planned log that is replaced by a FIFO (with no writer) before the copy
        var log = _source.Write("var/log/app/app.log", "planned\n");
        _source.Write("var/log/app/other.log", "other\n");
        var harness = new CollectorHarness(_source.Path, _target.Path);
        var plan = harness.Plan(TestProfiles.Of(TestProfiles.Target("app", "/var/log/app/*")));
        plan.Files.Should().HaveCount(2);
        File.Delete(log);
        Run.Tool("mkfifo", [log]).ExitCode.Should().Be(0);

        // When it is collected (bounded: a blocking open would never finish)
        var collect = harness.Collect(plan);
        var finished = await Task.WhenAny(collect, Task.Delay(TimeSpan.FromMinutes(2)));

        // Then the run finished and sealed, the FIFO is a failed record, the other log is collected
        finished.Should().BeSameAs(collect, "opening a FIFO must not block the run");
        var result = await collect;
        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().ContainSingle(s => s.Path == "/var/log/app/app.log" && s.Failed && s.Reason.Contains("fifo"));
        BundleRecords.Files(result.BundlePath).Select(f => f.SourcePath).Should().Equal("/var/log/app/other.log");
    }

    [Fact]
    public async Task A_log_swapped_for_a_link_to_an_outside_file_after_planning_is_not_followed()
    {
        var log = _source.Write("var/log/app/app.log", "planned\n");
        var harness = new CollectorHarness(_source.Path, _target.Path);
        var plan = harness.Plan(TestProfiles.Of(TestProfiles.Target("app", "/var/log/app/*")));
        File.Delete(log);
        File.CreateSymbolicLink(log, _sentinel);

        var result = await harness.Collect(plan);

        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().ContainSingle(s => s.Path == "/var/log/app/app.log" && s.Failed && s.Reason.Contains("symbolic link"));
        BundleRecords.Files(result.BundlePath).Should().BeEmpty();
        Atime(_sentinel).Should().StartWith("2020-05-05 05:05:05.123456789");
    }

    [Fact]
    public void The_fallback_walk_also_never_leaves_the_root_while_a_parent_is_swapped()
    {
        var app = _source.Combine("var/log/app");
        var parked = _source.Combine("var/log/app.parked");
        _source.Write("var/log/app/app.log", "inside\n");
        using var port = new LinuxSourceFiles(_source.Path, useOpenat2: false);
        var stop = 0;
        var racer = new Thread(() =>
        {
            for (var i = 0; i < 200_000 && Volatile.Read(ref stop) == 0; i++)
            {
                try
                {
                    Directory.Move(app, parked);
                    File.CreateSymbolicLink(app, _outside.Path);
                    File.Delete(app);
                    Directory.Move(parked, app);
                    Thread.Yield();
                }
                catch (IOException)
                {
                }
            }
        });
        racer.Start();
        var read = new List<string>();
        var faults = new List<EvidenceKit.Core.Abstractions.SourceFault>();
        try
        {
            for (var i = 0; i < 50_000 && (i < 3000 || read.Count == 0); i++)
            {
                try
                {
                    read.Add(System.Text.Encoding.UTF8.GetString(port.ReadAll("/var/log/app/app.log", 100)));
                }
                catch (EvidenceKit.Core.Abstractions.SourceFileException e)
                {
                    faults.Add(e.Fault);
                }
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            racer.Join(TimeSpan.FromSeconds(60)).Should().BeTrue();
        }

        read.Should().NotBeEmpty(string.Join(",", faults.Distinct())).And.OnlyContain(s => s == "inside\n");
        Atime(_sentinel).Should().StartWith("2020-05-05 05:05:05.123456789");
    }
}
