using Microsoft.Extensions.Logging.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Host;
using EvidenceKit.Core.Profiles.Discovery;

namespace EvidenceKit.Core.Tests.Collection;

public sealed class CollectorTests() : SourceAndTargetTest("collect")
{
    private readonly FileSystem _fs = new();

    private async Task<CollectionResult> Collect(CollectionMode mode = CollectionMode.Analysis)
    {
        return await Collect(TestProfiles.Of(
            TestProfiles.Target("nginx", "/var/log/nginx/*.log*"),
            TestProfiles.Target("syslog", "/var/log/syslog*"),
            TestProfiles.Target("absent", "/opt/nothing/**")), mode);
    }

    private async Task<CollectionResult> Collect(EvidenceKit.Core.Profiles.ResolvedProfile profile, CollectionMode mode = CollectionMode.Analysis)
    {
        using var source = new LinuxSourceFiles(Source.Path);
        var planner = new CollectionPlanner(source, new Dictionary<string, ILogDiscoverer>());
        var plan = planner.Plan(profile, new PlanningOptions());
        using var store = new LocalDirectoryStore(Target.Path);
        var collector = new Collector(source, store, AccountNames.Read(new PortableSourceFiles(_fs, Source.Path)), TestClock.Now(), NullLogger.Instance);
        var request = new CollectionRequest
        {
            Mode = mode,
            Case = new CaseRecord { Id = "CASE-1" },
            Host = new HostRecord { Hostname = "web01" },
            Tool = new ToolRecord { Name = "evidencekit-collect", Version = "test" },
        };
        return await collector.RunAsync(plan, request, new NullLog(), null, ["--test"], CancellationToken.None);
    }

    private void WriteFixture()
    {
        Source.Write("var/log/nginx/access.log", "GET / 200\nGET /admin 403\n");
        Source.Write("var/log/nginx/access.log.1", "GET /old 200\n");
        Source.Write("var/log/nginx/access.log.2.gz", new byte[] { 0x1f, 0x8b, 8, 0, 1, 2, 3 });
        Source.Write("var/log/nginx/error.log", "");
        Source.Write("var/log/syslog", "Nov 24 kernel: boot\n");
        Source.Write("var/log/other.txt", "not in the profile\n");
    }

    [Fact]
    public async Task A_fixture_tree_is_collected_into_a_sealed_bag_that_sha256sum_accepts()
    {
        WriteFixture();
        var before = TreeSnapshot.Take(Source.Path);

        var result = await Collect();

        result.Sealed.Should().BeTrue(result.Error);
        var bag = result.BundlePath;
        Path.GetFileName(bag).Should().MatchRegex(@"^CASE-1_web01_\d{8}T\d{6}Z$");
        Directory.Exists(bag + ".partial").Should().BeFalse();
        var check = Run.Tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], workingDirectory: bag);
        check.ExitCode.Should().Be(0, check.ToString());
        Run.Tool("sha256sum", ["-c", "--strict", "tagmanifest-sha256.txt"], workingDirectory: bag).ExitCode.Should().Be(0);
        File.ReadAllBytes(Path.Combine(bag, "data/var/log/nginx/access.log.2.gz"))
            .Should().Equal(File.ReadAllBytes(Source.Combine("var/log/nginx/access.log.2.gz")));
        File.Exists(Path.Combine(bag, "data/var/log/other.txt")).Should().BeFalse();
        File.Exists(Path.Combine(bag, BundleLayout.Journal)).Should().BeFalse();
        File.Exists(Path.Combine(bag, BundleLayout.ResumeInfo)).Should().BeFalse();
        TreeSnapshot.Take(Source.Path).Should().Equal(before);
    }

    [Fact]
    public async Task The_manifest_lists_every_file_with_the_hash_sha256sum_computes_and_reports_empty_targets()
    {
        WriteFixture();

        var result = await Collect();

        var manifest = BundleRecords.Manifest(result.BundlePath);
        manifest.Mode.Should().Be("analysis");
        manifest.Files.Should().HaveCount(5);
        manifest.Files.Select(f => f.Id).Should().BeEquivalentTo(["E000001", "E000002", "E000003", "E000004", "E000005"], "custody/files.jsonl holds the records in the order the files finished");
        foreach (var file in manifest.Files)
        {
            var sum = Run.Tool("sha256sum", [Source.Combine(file.SourcePath.TrimStart('/'))]).StdOut[..64];
            file.Sha256.Should().Be(sum, file.SourcePath);
        }
        manifest.EmptyTargets.Select(t => t.Name).Should().Equal("absent");
        manifest.Bag.PayloadOxum.Should().Be($"{manifest.Files.Sum(f => f.Size)}.5");
        result.EmptyTargets.Should().ContainSingle(t => t.Name == "absent");
    }

    [Fact]
    public async Task Manifest_metadata_equals_what_stat_reports()
    {
        WriteFixture();
        var path = Source.Combine("var/log/syslog");
        Run.Tool("touch", ["-m", "-d", "2026-01-02 03:04:05.123456789 UTC", path]);

        var result = await Collect(CollectionMode.Prosecution);

        var record = BundleRecords.Files(result.BundlePath).Single(f => f.SourcePath == "/var/log/syslog");
        var stat = Run.Tool("stat", ["-c", "%s|%i|%u|%g|%f|%h|%d", path]).StdOut.Trim().Split('|');
        record.Size.Should().Be(long.Parse(stat[0]));
        record.Inode.Should().Be(ulong.Parse(stat[1]));
        record.Uid.Should().Be(uint.Parse(stat[2]));
        record.Gid.Should().Be(uint.Parse(stat[3]));
        record.Mode.Should().Be(Convert.ToString(Convert.ToInt32(stat[4], 16), 8));
        record.Links.Should().Be(ulong.Parse(stat[5]));
        record.Device.Should().Be(ulong.Parse(stat[6]));
        record.Mtime.Should().Be("2026-01-02T03:04:05.123456789Z");
        record.VerifiedCopySha256.Should().Be(record.Sha256);
        record.AtimePreserved.Should().BeTrue();
    }

    [Fact]
    public async Task A_fifo_matched_by_a_glob_is_never_opened_and_is_recorded_as_skipped()
    {
        WriteFixture();
        Run.Tool("mkfifo", [Source.Combine("var/log/nginx/pipe.log")]).ExitCode.Should().Be(0);

        var result = await Collect();

        result.Sealed.Should().BeTrue();
        result.Skipped.Should().ContainSingle(s => s.Path == "/var/log/nginx/pipe.log" && s.Reason.Contains("fifo"));
    }

    [Fact]
    public async Task Reading_the_source_leaves_its_access_time_unchanged()
    {
        WriteFixture();
        var path = Source.Combine("var/log/nginx/access.log");
        Run.Tool("touch", ["-a", "-d", "2020-05-05 05:05:05 UTC", path]);
        var before = File.GetLastAccessTimeUtc(path);

        await Collect();

        File.GetLastAccessTimeUtc(path).Should().Be(before);
    }

    [Fact]
    public async Task Symlinks_are_recorded_with_their_target_and_not_followed_and_a_link_loop_does_not_hang()
    {
        WriteFixture();
        var outside = Source.Write("etc/shadow", "secret");
        File.CreateSymbolicLink(Source.Combine("var/log/nginx/evil.log"), outside);
        Directory.CreateDirectory(Source.Combine("srv/app"));
        Directory.CreateSymbolicLink(Source.Combine("srv/app/loop"), Source.Combine("srv/app"));
        Source.Write("srv/app/app.log", "hello");

        var result = await Collect(TestProfiles.Of(TestProfiles.Target("nginx", "/var/log/nginx/*.log"), TestProfiles.Target("app", "/srv/app/**")));

        result.Sealed.Should().BeTrue();
        result.Excluded.Should().Contain(s => s.Path == "/var/log/nginx/evil.log" && s.Reason.Contains(outside)
            && s.Outcome == EvidenceKit.Core.Bundles.Manifest.SkipOutcome.SymbolicLink && !s.Failed);
        BundleRecords.Files(result.BundlePath).Select(f => f.SourcePath).Should().Contain("/srv/app/app.log").And.NotContain(p => p.Contains("shadow"));
    }

    [Fact]
    public async Task Names_that_differ_only_in_case_or_normalization_get_distinct_bag_paths()
    {
        Source.Write("logs/Access.log", "upper");
        Source.Write("logs/access.log", "lower");
        Source.Write("logs/caf\u00e9.log", "nfc");
        Source.Write("logs/cafe\u0301.log", "nfd");
        Source.Write("logs/with space.log", "space");

        var result = await Collect(TestProfiles.Of(TestProfiles.Target("logs", "/logs/*")));

        result.Sealed.Should().BeTrue(result.Error);
        var paths = BundleRecords.Files(result.BundlePath).Select(f => f.BagPath).ToList();
        paths.Should().HaveCount(5);
        paths.Select(p => PathFolding.Fold(p)).Should().OnlyHaveUniqueItems();
        paths.Should().OnlyContain(p => p.All(c => char.IsAsciiLetterOrDigit(c) || "/._@+,=~-".Contains(c)));
        foreach (var f in BundleRecords.Files(result.BundlePath))
        {
            File.ReadAllText(Path.Combine(result.BundlePath, f.BagPath)).Should().Be(File.ReadAllText(Source.Combine(f.SourcePath.TrimStart('/'))));
        }
    }

    [Fact]
    public void Exclude_globs_leave_out_matching_files_of_their_target_only()
    {
        Source.Write("srv/app/app.log", "keep");
        Source.Write("srv/app/cache/session.tmp", "drop");
        Source.Write("srv/app/upload.tmp", "drop");
        Source.Write("srv/other/x.tmp", "kept by the other target");
        var app = TestProfiles.Target("app", "/srv/app/**") with { Exclude = ["**/*.tmp"] };
        var planner = new CollectionPlanner(new LinuxSourceFiles(Source.Path), new Dictionary<string, ILogDiscoverer>());

        var plan = planner.Plan(TestProfiles.Of(app, TestProfiles.Target("other", "/srv/other/*")), new PlanningOptions());

        plan.Files.Select(f => f.HostPath).Should().BeEquivalentTo(["/srv/app/app.log", "/srv/other/x.tmp"]);
    }
}
