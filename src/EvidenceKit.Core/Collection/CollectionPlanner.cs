using System.IO.Abstractions;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Bundles;
using EvidenceKit.Core.Bundles.Manifest;
using EvidenceKit.Core.Collection.Globbing;
using EvidenceKit.Core.Profiles;
using EvidenceKit.Core.Profiles.Discovery;
using Microsoft.Extensions.FileSystemGlobbing;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Turns a resolved profile into a plan: expands every target's globs under the root, follows discovery,
/// and sorts what it finds into files to copy, files that cannot be copied, and files a rule leaves out.
/// It only reads metadata; nothing is opened.
/// </summary>
public sealed class CollectionPlanner(
    IFileSystem fileSystem,
    ISourceFiles sourceFiles,
    IReadOnlyDictionary<string, ILogDiscoverer> discoverers)
{
    /// <summary>Builds the plan.</summary>
    public CollectionPlan Plan(ResolvedProfile profile, PlanningOptions options)
    {
        var root = fileSystem.Path.GetFullPath(options.Root);
        var state = new PlanState(root, options);

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

        var files = ApplyTotalCap(state, options);
        var mapper = new BagPathMapper();
        var planned = files
            .OrderBy(c => c.HostPath, StringComparer.Ordinal)
            .Select((c, i) => new PlannedFile(
                $"E{i + 1:D6}", c.FullPath, c.HostPath, mapper.Map(c.HostPath.TrimStart('/')).BagPath,
                c.Target, c.Info, c.DiscoveredFrom))
            .ToList();

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

        var baseFull = state.ToFull(glob.BaseDirectory);
        var single = glob.Pattern.Length == 0 || !glob.Pattern.AsSpan().ContainsAny("*?[{") && !glob.IgnoreCase;
        if (single)
        {
            // A plain path: look it up directly (it may be a file, a directory to take whole, or absent).
            var full = glob.Pattern.Length == 0 ? baseFull : fileSystem.Path.Join(baseFull, glob.Pattern);
            if (fileSystem.Directory.Exists(full) && sourceFiles.Stat(full)?.Kind == FileKind.Directory)
            {
                Walk(state, target, fileSystem.Path.TrimEndingDirectorySeparator(full), "**/*", ignoreCase: false, discoveredFrom);
            }
            else if (sourceFiles.Stat(full) is { } info)
            {
                Consider(state, target, full, info, discoveredFrom);
            }
            return;
        }

        Walk(state, target, baseFull, glob.Pattern, glob.IgnoreCase, discoveredFrom);
    }

    private void Walk(PlanState state, TargetDefinition target, string baseFull, string pattern, bool ignoreCase, string? discoveredFrom)
    {
        if (!fileSystem.Directory.Exists(baseFull))
        {
            return;
        }
        var matcher = new Matcher(ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        var dir = new AbstractionsDirectoryInfo(fileSystem, baseFull, null,
            (path, e) => state.AddSkipped(state.ToHost(path),
                HasUndecodableName(path) ? $"directory {NotUtf8}" : $"directory unreadable: {Describe(e)}", target.Name, failed: true));
        foreach (var match in matcher.Execute(dir).Files)
        {
            var full = fileSystem.Path.Join(baseFull, match.Path);
            var info = sourceFiles.Stat(full);
            if (info is not null)
            {
                Consider(state, target, full, info, discoveredFrom);
            }
            else if (HasUndecodableName(match.Path))
            {
                state.MatchCount++;
                state.AddSkipped(state.ToHost(full), NotUtf8, target.Name, failed: true);
            }
        }
    }

    private void Discover(PlanState state, TargetDefinition target, string kind)
    {
        if (!discoverers.TryGetValue(kind, out var discoverer))
        {
            state.Warnings.Add($"{target.Name}: no discovery for '{kind}'");
            return;
        }
        var result = discoverer.Discover(fileSystem, state.Root);
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

    private void Consider(PlanState state, TargetDefinition target, string full, SourceFileInfo info, string? discoveredFrom)
    {
        var host = state.ToHost(full);
        state.MatchCount++;
        if (state.Seen.ContainsKey(host) || state.IsNeverCollected(full))
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
                state.AddExcluded(host, $"symbolic link to {info.LinkTarget ?? "an unreadable target"} (not followed)", target.Name);
                return;
            default:
                state.AddSkipped(host, $"{FileKinds.Describe(info.Kind)} (never opened)", target.Name, failed: false);
                return;
        }

        var cap = Min(target.MaxFileSize, state.Options.MaxFileSize);
        if (cap is { } max && info.Size > max)
        {
            state.AddExcluded(host, $"larger than max-file-size ({Sizes.Format(info.Size)} > {Sizes.Format(max)})", target.Name);
            return;
        }
        if (state.Options.Until is { } until && info.BirthUtc is { } born && born > until)
        {
            state.AddExcluded(host, $"created {Text.Timestamps.Format(born)}, after --until", target.Name);
            return;
        }
        if (state.Options.Since is { } since && info.ModifiedUtc < since)
        {
            state.AddExcluded(host, $"last modified {Text.Timestamps.Format(info.ModifiedUtc)}, before --since", target.Name);
            return;
        }

        state.Seen[host] = new Candidate(full, host, target.Name, info, discoveredFrom);
    }

    /// <summary>One matcher per target for its exclude globs (built once, not per file).</summary>
    private static Matcher BuildExcludeMatcher(TargetDefinition target)
    {
        var ignoreCase = target.Paths.Any(SourceGlob.IsWindowsPath);
        var matcher = new Matcher(ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        foreach (var pattern in target.Exclude)
        {
            matcher.AddInclude(SourceGlob.ToRootRelative(pattern));
        }
        return matcher;
    }

    private static List<Candidate> ApplyTotalCap(PlanState state, PlanningOptions options)
    {
        var all = state.Seen.Values.ToList();
        if (options.MaxTotalSize is not { } cap)
        {
            return all;
        }
        var kept = new List<Candidate>();
        long total = 0;
        foreach (var c in all.OrderByDescending(c => c.Info.ModifiedUtc).ThenBy(c => c.HostPath, StringComparer.Ordinal))
        {
            if (total + c.Info.Size <= cap)
            {
                total += c.Info.Size;
                kept.Add(c);
            }
            else
            {
                state.AddExcluded(c.HostPath, $"left out by --max-total-size {Sizes.Format(cap)} (newest files first)", c.Target);
            }
        }
        return kept;
    }

    private const string NotUtf8 = "name is not valid UTF-8 (shown here with U+FFFD); not collected by this build";

    // .NET decodes a name that is not valid UTF-8 with U+FFFD in place of the bad bytes; that string names no file,
    // so such a file cannot be opened by its path and must be reported rather than silently lost.
    private static bool HasUndecodableName(string path) => path.Contains('\uFFFD', StringComparison.Ordinal);

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };

    private sealed record Candidate(string FullPath, string HostPath, string Target, SourceFileInfo Info, string? DiscoveredFrom);

    private sealed class PlanState(string root, PlanningOptions options)
    {
        public string Root { get; } = root;
        public PlanningOptions Options { get; } = options;
        public Dictionary<string, Candidate> Seen { get; } = new(StringComparer.Ordinal);
        public List<SkippedRecord> Skipped { get; } = [];
        public List<SkippedRecord> Excluded { get; } = [];
        public List<EmptyTargetRecord> EmptyTargets { get; } = [];
        public List<string> Warnings { get; } = [];
        public int MatchCount { get; set; }
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
        private readonly Dictionary<TargetDefinition, Matcher> _excludes = new(ReferenceEqualityComparer.Instance);

        public Matcher ExcludeMatcher(TargetDefinition target)
        {
            if (!_excludes.TryGetValue(target, out var matcher))
            {
                matcher = BuildExcludeMatcher(target);
                _excludes[target] = matcher;
            }
            return matcher;
        }

        public string ToFull(string hostPath) =>
            Root == "/" ? hostPath : System.IO.Path.Join(Root, hostPath.TrimStart('/'));

        public string ToHost(string fullPath)
        {
            if (Root == "/")
            {
                return fullPath;
            }
            var rel = System.IO.Path.GetRelativePath(Root, fullPath).Replace('\\', '/');
            return "/" + rel;
        }

        public bool IsNeverCollected(string full) => Options.NeverCollect.Any(dir =>
            full.StartsWith(dir.TrimEnd('/') + "/", StringComparison.Ordinal) || full == dir);

        public void AddSkipped(string host, string reason, string target, bool failed)
        {
            if (_reported.Add(host))
            {
                Skipped.Add(new SkippedRecord { Path = host, Reason = reason, Target = target, Failed = failed });
            }
        }

        public void AddExcluded(string host, string reason, string target)
        {
            if (_reported.Add(host))
            {
                Excluded.Add(new SkippedRecord { Path = host, Reason = reason, Target = target });
            }
        }
    }
}
