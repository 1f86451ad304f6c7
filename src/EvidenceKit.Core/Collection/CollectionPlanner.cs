using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection.Globbing;
using EvidenceKit.Core.Profiles;
using EvidenceKit.Core.Profiles.Discovery;
using Microsoft.Extensions.FileSystemGlobbing;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Turns a resolved profile into a plan: expands every target's globs through the source port (confined to its
/// root, by host path), follows discovery, and sorts what it finds into files to copy, files that cannot be copied,
/// and files a rule leaves out. It only reads metadata and directory listings; nothing is opened for reading.
/// Any error on one path (permission denied on a parent, a link loop, a name too long, a vanished directory)
/// becomes one failed record and planning goes on.
/// </summary>
/// <param name="source">The source port; its root is the collection's root.</param>
/// <param name="discoverers">Discovery dialects by name.</param>
public sealed class CollectionPlanner(
    ISourceFiles source,
    IReadOnlyDictionary<string, ILogDiscoverer> discoverers)
{
    /// <summary>Builds the plan.</summary>
    public CollectionPlan Plan(ResolvedProfile profile, PlanningOptions options)
    {
        var neverCollect = options.NeverCollect
            .Select(dir => HostPaths.FromFull(source.Root, System.IO.Path.GetFullPath(dir)))
            .OfType<string>()
            .ToList();
        var state = new PlanState(options, neverCollect);

        foreach (var target in profile.Targets)
        {
            var matchedBefore = state.MatchCount;
            foreach (var pattern in target.Paths)
            {
                Expand(state, target, pattern, discoveredFrom: null);
            }
            if (target.Discover is { } kind)
            {
                Discover(state, target, kind);
            }
            if (state.MatchCount == matchedBefore)
            {
                state.EmptyTargets.Add(new EmptyTargetRecord { Name = target.Name, Patterns = target.Paths });
            }
        }

        var table = state.Candidates.Table;
        var order = ApplyTotalCap(state, options);
        Array.Sort(order, table.ComparePaths);
        state.Candidates.Forget();
        var planned = new PlannedFiles(table, order, new BagPathMapper(ordered: true));

        return new CollectionPlan(profile, planned, state.Skipped, state.Excluded, state.EmptyTargets, state.Warnings);
    }

    private void Expand(PlanState state, TargetDefinition target, string pattern, string? discoveredFrom)
    {
        SourceGlob glob;
        try
        {
            glob = SourceGlob.Parse(pattern);
        }
        catch (ArgumentException e)
        {
            state.Warnings.Add($"{target.Name}: {e.Message}");
            return;
        }

        var single = glob.Pattern.Length == 0 || !glob.Pattern.AsSpan().ContainsAny("*?[{") && !glob.IgnoreCase;
        if (single)
        {
            // A plain path: look it up directly (it may be a file, a directory to take whole, or absent).
            var host = HostPaths.Join(glob.BaseDirectory, glob.Pattern);
            if (TryStat(state, target, host) is not { } info)
            {
                return;
            }
            if (info.Kind == FileKind.Directory)
            {
                Walk(state, target, host, "**/*", ignoreCase: false, discoveredFrom);
            }
            else
            {
                Consider(state, target, host, info, discoveredFrom);
            }
            return;
        }

        Walk(state, target, glob.BaseDirectory, glob.Pattern, glob.IgnoreCase, discoveredFrom);
    }

    private void Walk(PlanState state, TargetDefinition target, string baseHost, string pattern, bool ignoreCase, string? discoveredFrom)
    {
        // The fixed part the profile names is resolved like any path, inside the root (so "/var/log/nginx" may be a
        // link to "/srv/nginx-logs" in the image: "/var/log/nginx/." follows it, confined); entries met during the
        // walk are never followed.
        var listPath = HostPaths.Join(baseHost, ".");
        if (TryStat(state, target, listPath, recordAs: baseHost) is not { Kind: FileKind.Directory })
        {
            return;
        }
        var walk = new GlobWalk(pattern, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        var dir = new PortDirectoryInfo(source, baseHost, null, (host, e) => state.AddFailure(host, e, target.Name))
        {
            ListPath = listPath,
        };
        // Each match is stat'ed and planned as the walk finds it; the walk holds only the directories it is in.
        walk.Walk(dir, match =>
        {
            var host = HostPaths.Join(baseHost, match);
            if (TryStat(state, target, host, vanishedIsFailure: true) is { } info)
            {
                Consider(state, target, host, info, discoveredFrom);
            }
        });
    }

    /// <summary>Stats through the port; a failure is recorded (failed) and gives null, like an absent path.</summary>
    private SourceFileInfo? TryStat(PlanState state, TargetDefinition target, string host, bool vanishedIsFailure = false, string? recordAs = null)
    {
        try
        {
            var info = source.Stat(host);
            if (info is null && vanishedIsFailure)
            {
                state.AddFailure(host, new SourceFileException(host, "vanished while planning (listed, then gone)", SourceFault.Vanished), target.Name);
            }
            return info;
        }
        catch (SourceFileException e)
        {
            state.AddFailure(recordAs ?? host, e, target.Name);
            return null;
        }
    }

    private void Discover(PlanState state, TargetDefinition target, string kind)
    {
        if (!discoverers.TryGetValue(kind, out var discoverer))
        {
            state.Warnings.Add($"{target.Name}: no discovery for '{kind}'");
            return;
        }
        var result = discoverer.Discover(source);
        state.Warnings.AddRange(result.Warnings.Select(w => $"{target.Name} discovery: {w}"));
        foreach (var config in result.ConfigFiles)
        {
            Expand(state, target, config, discoveredFrom: "configuration read by discovery");
        }
        foreach (var log in result.Logs)
        {
            var from = $"{log.ConfigFile}:{log.Line}";
            Expand(state, target, log.HostPath, from);
            // Rotated and compressed siblings: access.log.1, access.log.2.gz, access.log-20261120.
            if (!log.HostPath.EndsWith('*'))
            {
                Expand(state, target, log.HostPath + "*", from);
            }
        }
    }

    private static void Consider(PlanState state, TargetDefinition target, string host, SourceFileInfo info, string? discoveredFrom)
    {
        state.MatchCount++;
        if (state.Candidates.Contains(host) || state.IsNeverCollected(host))
        {
            return;
        }
        if (target.Exclude.Count > 0 && state.ExcludeMatcher(target).Match(host.TrimStart('/')).HasMatches)
        {
            return;
        }

        switch (info.Kind)
        {
            case FileKind.Regular:
                break;
            case FileKind.Directory:
                return;
            case FileKind.Symlink:
                state.AddExcluded(host, SkipOutcome.SymbolicLink, $"symbolic link to {Text.RawNames.Readable(info.LinkTarget ?? "an unreadable target")} (not followed)", target.Name);
                return;
            default:
                state.AddSkipped(host, SkipOutcome.SpecialFile, $"{FileKinds.Describe(info.Kind)} (never opened)", target.Name);
                return;
        }

        var cap = Min(target.MaxFileSize, state.Options.MaxFileSize);
        if (cap is { } max && info.Size > max)
        {
            state.AddExcluded(host, SkipOutcome.OverMaxFileSize, $"larger than max-file-size ({Sizes.Format(info.Size)} > {Sizes.Format(max)})", target.Name);
            return;
        }
        if (state.Options.Until is { } until && info.BirthUtc is { } born && born > until)
        {
            state.AddExcluded(host, SkipOutcome.AfterUntil, $"created {Text.Timestamps.Format(born)}, after --until", target.Name);
            return;
        }
        if (state.Options.Since is { } since && info.ModifiedUtc < since)
        {
            state.AddExcluded(host, SkipOutcome.BeforeSince, $"last modified {Text.Timestamps.Format(info.ModifiedUtc)}, before --since", target.Name);
            return;
        }

        state.Candidates.Add(host, target.Name, info, discoveredFrom);
    }

    /// <summary>The table indices the plan keeps: all of them, or under --max-total-size the newest files that fit.</summary>
    private static int[] ApplyTotalCap(PlanState state, PlanningOptions options)
    {
        var table = state.Candidates.Table;
        var all = Enumerable.Range(0, table.Count).ToArray();
        if (options.MaxTotalSize is not { } cap)
        {
            return all;
        }
        Array.Sort(all, (a, b) => table.ModifiedTicks(b).CompareTo(table.ModifiedTicks(a)) is var newer and not 0 ? newer : table.ComparePaths(a, b));
        var kept = new List<int>();
        long total = 0;
        foreach (var c in all)
        {
            if (total + table.Size(c) <= cap)
            {
                total += table.Size(c);
                kept.Add(c);
            }
            else
            {
                state.AddExcluded(table.HostPath(c), SkipOutcome.OverMaxTotalSize, $"left out by --max-total-size {Sizes.Format(cap)} (newest files first)", table.Target(c));
            }
        }
        return [.. kept];
    }

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
