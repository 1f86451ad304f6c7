using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection.Globbing;
using EvidenceKit.Core.Profiles;
using Microsoft.Extensions.FileSystemGlobbing;

namespace EvidenceKit.Core.Collection;

/// <summary>What the planner has found so far: candidates (compact, one per host path), and one record per path it cannot take.</summary>
internal sealed class PlanState(PlanningOptions options, IReadOnlyList<string> neverCollectHostPaths)
{
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly Dictionary<TargetDefinition, Matcher> _excludes = new(ReferenceEqualityComparer.Instance);

    public PlanningOptions Options { get; } = options;
    public PlanCandidates Candidates { get; } = new();
    public List<SkippedRecord> Skipped { get; } = [];
    public List<SkippedRecord> Excluded { get; } = [];
    public List<EmptyTargetRecord> EmptyTargets { get; } = [];
    public List<string> Warnings { get; } = [];
    public int MatchCount { get; set; }

    public Matcher ExcludeMatcher(TargetDefinition target)
    {
        if (!_excludes.TryGetValue(target, out var matcher))
        {
            var ignoreCase = target.Paths.Any(SourceGlob.IsWindowsPath);
            matcher = new Matcher(ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            foreach (var pattern in target.Exclude)
            {
                matcher.AddInclude(SourceGlob.ToRootRelative(pattern));
            }
            _excludes[target] = matcher;
        }
        return matcher;
    }

    /// <summary>True for the target directory (and what is under it) when it sits inside the source.</summary>
    public bool IsNeverCollected(string host) => neverCollectHostPaths.Any(dir =>
        dir == "/" || host == dir || host.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal));

    /// <summary>A path named by the profile that could not be read: one failed record, the run goes on.</summary>
    public void AddFailure(string host, SourceFileException e, string target)
    {
        MatchCount++;
        AddSkipped(host, NotCollected.From(e.Fault), e.Reason, target);
    }

    public void AddSkipped(string host, SkipOutcome outcome, string reason, string target)
    {
        if (_reported.Add(host))
        {
            Skipped.Add(NotCollected.Record(host, outcome, reason, target));
        }
    }

    public void AddExcluded(string host, SkipOutcome outcome, string reason, string target)
    {
        if (_reported.Add(host))
        {
            Excluded.Add(NotCollected.Record(host, outcome, reason, target));
        }
    }
}
