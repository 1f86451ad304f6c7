using Microsoft.Extensions.Logging.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Host;

namespace EvidenceKit.Core.Tests.Collection;

/// <summary>
/// Faults of the target during a whole run (EIO, ENOSPC injected through the store) and the checks made before
/// anything is written (free space, FAT32's 4 GiB limit).
/// </summary>
public sealed class TargetFaultTests : SourceAndTargetTest
{
    private const int FileSize = 3 * 1024 * 1024;
    public TargetFaultTests()
        : base("tgtfault")
    {
        var bytes = new byte[FileSize];
        for (var i = 0; i < 4; i++)
        {
            Random.Shared.NextBytes(bytes);
            Source.Write($"var/log/app/f{i}.log", bytes);
        }
    }

    private static EvidenceKit.Core.Profiles.ResolvedProfile Profile() => TestProfiles.Of(TestProfiles.Target("app", "/var/log/app/*"));

    private string Partial() => Directory.GetDirectories(Target.Path).Should().ContainSingle().Which;

    // An empty line ends a line a lost session may have torn; readers skip it (JournalRecords).
    private static IReadOnlyList<FileRecord> Journal(string partial) => File.ReadAllLines(Path.Combine(partial, BundleLayout.Journal))
        .Where(l => l.Length > 0)
        .Select(l => ManifestJson.FromUtf8<FileRecord>(System.Text.Encoding.UTF8.GetBytes(l))).ToList();

    [Theory]
    [InlineData("Input/output error", 5)]
    [InlineData("No space left on device", 28)]
    public async Task A_target_that_fails_in_the_middle_of_a_file_ends_the_run_unsealed_with_that_file_failed_and_the_journal_kept(string error, int errno)
    {
        // Given a target whose third payload file fails after 1.5 MiB have been written
        var harness = new CollectorHarness(Source.Path, Target.Path)
        {
            Parallelism = 1,
            WrapStore = store => new FailingNthFileStore(store, 3, new IOException(error, errno), FileSize / 2),
        };

        // When the tree is collected
        var result = await harness.Collect(Profile());

        // Then nothing is sealed; the .partial keeps the journal of the two finished files; the third is failed
        result.Sealed.Should().BeFalse();
        result.Error.Should().Contain(error);
        var partial = Partial();
        partial.Should().EndWith(BundleLayout.PartialSuffix);
        result.BundlePath.Should().Be(partial);
        var journal = Journal(partial);
        journal.Should().HaveCount(2);
        result.Collected.Should().Be(2);
        foreach (var entry in journal)
        {
            Run.Tool("sha256sum", [Path.Combine(partial, entry.BagPath)]).StdOut[..64].Should().Be(entry.Sha256);
        }
        var failed = result.Skipped.Should().ContainSingle().Which;
        failed.Failed.Should().BeTrue();
        failed.Outcome.Should().Be(EvidenceKit.Core.Bundles.Manifest.SkipOutcome.NotFinished);
        failed.Reason.Should().Contain(error);
        journal.Select(j => j.SourcePath).Should().NotContain(failed.Path);
        File.Exists(Path.Combine(partial, "data" + failed.Path)).Should().BeFalse("the half copy is removed");
        File.Exists(Path.Combine(partial, BundleLayout.ResumeInfo)).Should().BeTrue();
        File.Exists(Path.Combine(partial, BundleLayout.ManifestJson)).Should().BeFalse();
    }

    [Fact]
    public async Task A_target_that_fails_while_the_journal_is_written_ends_the_run_unsealed_instead_of_crashing()
    {
        var harness = new CollectorHarness(Source.Path, Target.Path)
        {
            Parallelism = 1,
            WrapStore = store => new FailingJournalStore(store),
        };

        var result = await harness.Collect(Profile());

        result.Sealed.Should().BeFalse();
        result.Error.Should().Contain("Input/output error");
        Partial().Should().EndWith(BundleLayout.PartialSuffix);
    }

    [Fact]
    public async Task A_network_target_that_drops_the_connection_while_the_journal_is_written_is_reconnected_and_the_run_seals()
    {
        var harness = new CollectorHarness(Source.Path, Target.Path)
        {
            Parallelism = 1,
            WrapStore = store => new JournalConnectionDropStore(store),
        };

        var result = await harness.Collect(Profile());

        result.Sealed.Should().BeTrue(result.Error);
        result.Skipped.Should().BeEmpty();
        BundleRecords.Files(result.BundlePath).Should().HaveCount(4);
        Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: result.BundlePath).ExitCode.Should().Be(0);
    }

    [Fact]
    public void Too_little_free_space_is_refused_before_anything_is_written_with_both_numbers_and_what_to_do()
    {
        var (collector, plan) = Checker(new TargetSpace(5 * 1024 * 1024, "ext4", null, null), fakeSize: null);

        var problem = collector.CheckTarget(plan, force: false);

        problem.Should().Contain("has 5 MiB free").And.Contain("needs about 13 MiB").And.Contain("--force");
        collector.CheckTarget(plan, force: true).Should().BeNull();
        Directory.EnumerateFileSystemEntries(Target.Path).Should().BeEmpty();
    }

    [Fact]
    public void A_FAT32_target_refuses_a_plan_with_a_file_over_4_GiB_even_with_force()
    {
        // Given a plan whose file is (said to be) 5 GiB and a vfat target with plenty of space
        var (collector, plan) = Checker(new TargetSpace(64L << 30, "vfat", 4L * 1024 * 1024 * 1024 - 1, false), fakeSize: 5L << 30);

        // When the target is checked, then the run is refused with the file, the limit and what to do
        foreach (var force in new[] { false, true })
        {
            var problem = collector.CheckTarget(plan, force);
            problem.Should().Contain("(vfat)").And.Contain("/var/log/app/f0.log").And.Contain("is 5 GiB")
                .And.Contain("exFAT").And.Contain("--max-file-size");
        }
    }

    [Fact]
    public void A_FAT32_target_accepts_a_plan_whose_largest_file_fits()
    {
        var (collector, plan) = Checker(new TargetSpace(64L << 30, "vfat", 4L * 1024 * 1024 * 1024 - 1, false), fakeSize: 4L * 1024 * 1024 * 1024 - 1);

        collector.CheckTarget(plan, force: false).Should().BeNull();
    }

    private (Collector, CollectionPlan) Checker(TargetSpace space, long? fakeSize)
    {
        var harness = new CollectorHarness(Source.Path, Target.Path);
        var plan = harness.Plan(Profile());
        if (fakeSize is { } size)
        {
            var first = plan.Files[0];
            plan = plan with { Files = [first with { AtPlan = first.AtPlan with { Size = size } }, .. plan.Files.Skip(1)] };
        }
        var store = new FixedSpaceStore(new LocalDirectoryStore(Target.Path), space);
        var collector = new Collector(new LinuxSourceFiles(Source.Path), store, AccountNames.Read(new PortableSourceFiles(new FileSystem(), Source.Path)), TestClock.Now(),
            NullLogger.Instance);
        return (collector, plan);
    }

    private sealed class FixedSpaceStore(ITargetStore inner, TargetSpace space) : DelegatingStore(inner)
    {
        public override TargetSpace GetSpace() => space;
    }

    private sealed class FailingNthFileStore(ITargetStore inner, int failing, IOException error, long afterBytes) : DelegatingStore(inner)
    {
        private int _payloadFiles;

        public override Stream Create(string path)
        {
            var stream = base.Create(path);
            return path.Contains("/data/", StringComparison.Ordinal) && Interlocked.Increment(ref _payloadFiles) == failing
                ? new ThrowingStream(stream, error, afterBytes)
                : stream;
        }
    }

    private sealed class JournalConnectionDropStore(ITargetStore inner) : DelegatingStore(inner)
    {
        private int _journalOpens;

        public override Stream OpenAppend(string path)
        {
            var stream = base.OpenAppend(path);
            return path.EndsWith(BundleLayout.Journal, StringComparison.Ordinal) && Interlocked.Increment(ref _journalOpens) == 1
                ? new ThrowingStream(stream, new TargetConnectionLostException("the SFTP session ended"))
                : stream;
        }
    }

    private sealed class FailingJournalStore(ITargetStore inner) : DelegatingStore(inner)
    {
        public override Stream OpenAppend(string path)
        {
            var stream = base.OpenAppend(path);
            return path.EndsWith(BundleLayout.Journal, StringComparison.Ordinal)
                ? new ThrowingStream(stream, new IOException("Input/output error", 5))
                : stream;
        }
    }
}
