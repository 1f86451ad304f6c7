using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Host;
using EvidenceKit.Core.Profiles.Discovery;

namespace EvidenceKit.Core.Tests.Bundles;

/// <summary>
/// What a collection writes is serialized with compile-time metadata; its bytes must be exactly those the same options
/// write through reflection, or a bundle sealed by this version would not be the document its schema describes.
/// </summary>
public sealed class ManifestWriteJsonTests() : SourceAndTargetTest("manifest-json")
{
    [Fact]
    public async Task A_real_manifest_with_hostile_names_and_skipped_files_is_written_as_the_reflection_serializer_writes_it()
    {
        // Given a collection whose manifest holds hostile names, a skipped FIFO and an empty target
        Source.Write("var/log/app/we\"ird\\name \u00e9\u2028\u001b[31m.log", "line\n");
        Source.Write("var/log/app/plain.log", "GET / 200\n");
        Run.Tool("mkfifo", [Source.Combine("var/log/app/pipe.log")]).ExitCode.Should().Be(0);
        var result = await Collect();
        result.Sealed.Should().BeTrue(result.Error);

        // When the manifest it wrote is read back and written again through reflection
        var written = File.ReadAllBytes(Path.Combine(result.BundlePath, BundleLayout.ManifestJson));
        var manifest = ManifestJson.FromUtf8<CustodyManifest>(written);
        manifest.Skipped.Should().NotBeEmpty("the FIFO is recorded as not collected");
        manifest.EmptyTargets.Should().NotBeEmpty();

        // Then the bytes are the same, and so are those of the sealed custody event
        written.Should().Equal([.. JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonReference.ReflectionWrite), (byte)'\n']);
        var eventPath = Path.Combine(result.BundlePath, EvidenceKit.Core.Custody.CustodyPaths.Event(1));
        if (File.Exists(eventPath))
        {
            var eventBytes = File.ReadAllBytes(eventPath);
            var custodyEvent = ManifestJson.FromUtf8<EvidenceKit.Core.Custody.CustodyEvent>(eventBytes);
            eventBytes.Should().Equal([.. JsonSerializer.SerializeToUtf8Bytes(custodyEvent, ManifestJsonReference.ReflectionWrite), (byte)'\n']);
        }
    }

    [Fact]
    public void A_resume_note_is_written_as_the_reflection_serializer_writes_it()
    {
        var info = new ResumeInfo
        {
            BundleId = Guid.NewGuid(),
            FinalName = "CASE_web01_20261202T000000Z",
            Started = "2026-12-02T00:00:00Z",
            Mode = "analysis",
            Arguments = ["--root", "/mnt/we\"ird \u001b[2J", "\u2028"],
        };

        ManifestJson.ToUtf8(info).Should().Equal([.. JsonSerializer.SerializeToUtf8Bytes(info, ManifestJsonReference.ReflectionWrite), (byte)'\n']);
    }

    private async Task<CollectionResult> Collect()
    {
        using var source = new LinuxSourceFiles(Source.Path);
        var profile = TestProfiles.Of(TestProfiles.Target("app", "/var/log/app/*.log"), TestProfiles.Target("absent", "/opt/nothing/**"));
        var plan = new CollectionPlanner(source, new Dictionary<string, ILogDiscoverer>()).Plan(profile, new PlanningOptions());
        using var store = new LocalDirectoryStore(Target.Path);
        var collector = new Collector(source, store, AccountNames.Read(new PortableSourceFiles(new FileSystem(), Source.Path)), TestClock.Now(), NullLogger.Instance);
        var request = new CollectionRequest
        {
            Mode = CollectionMode.Analysis,
            Case = new CaseRecord { Id = "CASE-1", Description = "t\u001b]0;owned\u0007 \"q\" <&>" },
            Host = new HostRecord { Hostname = "web01" },
            Tool = new ToolRecord { Name = "evidencekit-collect", Version = "test" },
        };
        return await collector.RunAsync(plan, request, new NullLog(), null, ["--test"], CancellationToken.None);
    }
}
