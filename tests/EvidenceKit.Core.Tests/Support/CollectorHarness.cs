using Microsoft.Extensions.Logging.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Host;
using EvidenceKit.Core.Profiles;
using EvidenceKit.Core.Profiles.Discovery;

namespace EvidenceKit.Core.Tests.Support;

/// <summary>Plans a profile over a real source tree and runs the whole <see cref="Collector"/> into a real directory.</summary>
internal sealed class CollectorHarness(string sourceRoot, string targetRoot)
{
    private readonly FileSystem _fs = new();

    public ISourceFiles Source { get; init; } = new LinuxSourceFiles(sourceRoot);

    /// <summary>Wraps the real target store, to inject faults.</summary>
    public Func<ITargetStore, ITargetStore> WrapStore { get; init; } = s => s;

    public CollectionMode Mode { get; init; } = CollectionMode.Analysis;

    public int Parallelism { get; init; } = 2;

    public CollectionPlan Plan(ResolvedProfile profile) =>
        new CollectionPlanner(Source, new Dictionary<string, ILogDiscoverer>()).Plan(profile, new PlanningOptions());

    public Task<CollectionResult> Collect(ResolvedProfile profile) => Collect(Plan(profile));

    public async Task<CollectionResult> Collect(CollectionPlan plan)
    {
        using var store = WrapStore(new LocalDirectoryStore(targetRoot));
        var collector = new Collector(Source, store, AccountNames.Read(new PortableSourceFiles(_fs, sourceRoot)), TestClock.Now(), NullLogger.Instance);
        var request = new CollectionRequest
        {
            Mode = Mode,
            Case = new CaseRecord { Id = "CASE-1" },
            Host = new HostRecord { Hostname = "web01" },
            Tool = new ToolRecord { Name = "evidencekit-collect", Version = "test" },
            Parallelism = Parallelism,
        };
        return await collector.RunAsync(plan, request, new NullLog(), null, ["--test"], CancellationToken.None);
    }
}
