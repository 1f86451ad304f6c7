using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Collection.Globbing;
using EvidenceKit.Core.Text;
using Microsoft.Extensions.FileSystemGlobbing;

namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>
/// Reads a program's configuration files for one discovery run, only through the <see cref="ISourceFiles"/> port:
/// every path is opened inside the root (a link anywhere in it stays inside), only regular files are read, without
/// touching their access time, each at most <see cref="MaxFileBytes"/>, at most <see cref="MaxFiles"/> files and
/// <see cref="MaxTotalBytes"/> in all, includes nested at most <see cref="MaxDepth"/> deep. A FIFO, a device, a
/// file too large, an include loop, an unreadable file or a path that leaves the root is a warning, never an
/// exception, a hang or unbounded memory.
/// </summary>
internal sealed class ConfigTree
{
    /// <summary>The largest configuration file read (16 MiB).</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>The most configuration files read in one discovery run.</summary>
    public const int MaxFiles = 1000;

    /// <summary>The most bytes read in one discovery run, all files together (64 MiB).</summary>
    public const long MaxTotalBytes = 64L * 1024 * 1024;

    /// <summary>How deep includes may nest (nginx.conf including a file is depth 2).</summary>
    public const int MaxDepth = 16;

    /// <summary>The most log paths one discovery run records (each becomes a glob the planner walks).</summary>
    public const int MaxLogs = 10_000;

    /// <summary>The most directory entries one pattern may examine.</summary>
    public const int MaxGlobEntries = 10_000;

    private readonly ISourceFiles source;
    private readonly HostLinks links;
    private readonly HashSet<string> visited = new(StringComparer.Ordinal);
    private readonly List<string> reading = [];
    private readonly List<string> configFiles = [];
    private readonly List<string> warnings = [];
    private readonly List<DiscoveredLog> logs = [];
    private readonly HashSet<string> logPaths = new(StringComparer.Ordinal);
    private readonly HashSet<string> limitsReported = new(StringComparer.Ordinal);
    private long bytesRead;

    public ConfigTree(ISourceFiles source)
    {
        this.source = source;
        links = new HostLinks(source);
    }

    public DiscoveryResult Result() => new(logs.ToArray(), configFiles.ToArray(), warnings.ToArray());

    public void Warn(string message) => warnings.Add(message);

    public static string Where(string? file, int line) => file is null ? string.Empty : $"{Show(file)}:{line}: ";

    /// <summary>A host path as text for a warning: bytes that are not UTF-8 as \xNN (control characters are the printer's job).</summary>
    public static string Show(string hostPath) => RawNames.Readable(hostPath);

    public static bool HasWildcard(string path) => path.IndexOfAny(['*', '?', '[']) >= 0;

    /// <summary>Joins a possibly relative path onto a base directory (both host paths).</summary>
    public static string Join(string baseDirectory, string path) =>
        path.StartsWith('/') ? path : baseDirectory.TrimEnd('/') + "/" + path;

    public bool IsDirectory(string hostPath) => Kind(hostPath) == FileKind.Directory;

    public bool Exists(string hostPath) => Kind(hostPath) is not null;

    /// <summary>
    /// Reads one configuration file. Returns null (after a warning where it matters) when the file is missing,
    /// outside the root, not a regular file, already being read (a loop), already read, too large, or past a limit.
    /// </summary>
    public ConfigText? Read(string hostPath, string? from, int line, bool warnIfMissing)
    {
        var where = Where(from, line);
        var normalized = HostLinks.Normalize(hostPath);
        if (normalized is null)
        {
            Warn($"{where}{Show(hostPath)} climbs out of the root with '..'; not read");
            return null;
        }

        var resolved = links.Resolve(normalized, out var problem);
        if (resolved is null)
        {
            Warn($"{where}{Show(hostPath)} {problem}; not read");
            return null;
        }

        var info = links.Stat(resolved, out problem);
        if (info is null)
        {
            if (problem is not null)
            {
                Warn($"{where}{Show(resolved)} cannot be read: {problem}");
            }
            else if (warnIfMissing)
            {
                Warn($"{where}{Show(hostPath)} does not exist");
            }

            return null;
        }

        if (info.Kind != FileKind.Regular)
        {
            Warn($"{where}{Show(resolved)} is a {FileKinds.Describe(info.Kind)}, not a regular file; not read");
            return null;
        }

        if (reading.Contains(resolved))
        {
            Warn($"{where}include loop: {Show(resolved)} is already being read ({string.Join(" -> ", reading.Select(Show))} -> {Show(resolved)}); not read again");
            return null;
        }

        if (visited.Contains(resolved) || !WithinLimits(where, resolved))
        {
            return null;
        }

        var cap = (int)Math.Min(MaxFileBytes, MaxTotalBytes - bytesRead);
        try
        {
            var bytes = source.ReadAll(resolved, cap);
            bytesRead += bytes.Length;
            visited.Add(resolved);
            configFiles.Add(resolved);
            return new ConfigText(resolved, Decode(bytes));
        }
        catch (SourceFileException e) when (e.Fault == SourceFault.TooLarge && cap < MaxFileBytes)
        {
            LimitOnce("total", $"{where}stopped after reading {MaxTotalBytes / (1024 * 1024)} MiB of configuration; {Show(resolved)} and later files were not read");
            return null;
        }
        catch (SourceFileException e) when (e.Fault == SourceFault.TooLarge)
        {
            Warn($"{where}{Show(resolved)} is larger than the {MaxFileBytes / (1024 * 1024)} MiB read for discovery; not read");
            return null;
        }
        catch (SourceFileException e)
        {
            Warn($"{where}{Show(resolved)} cannot be read: {e.Reason}");
            return null;
        }
    }

    /// <summary>Marks a file as being read until disposed, so that an include back to it is seen as a loop.</summary>
    public IDisposable Enter(string resolvedHostPath)
    {
        reading.Add(resolvedHostPath);
        return new Leave(() => reading.RemoveAt(reading.Count - 1));
    }

    /// <summary>
    /// Host paths (files, links, directories) matching a pattern whose components may hold '*', '?' and '[...]'
    /// (never '**'), sorted. The walk is Microsoft.Extensions.FileSystemGlobbing over the port; it knows only '*',
    /// so '?' and '[...]' are widened to '*' (discovery may read a file more than the server does, never one
    /// less). A '*' does not match a leading '.', as in glob(3).
    /// </summary>
    public IReadOnlyList<string> Glob(string hostPattern, bool ignoreCase = false)
    {
        var normalized = HostLinks.Normalize(hostPattern);
        if (normalized is null)
        {
            return [];
        }

        var parts = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fixedCount = ignoreCase ? 0 : parts.TakeWhile(p => !HasWildcard(p)).Count();
        if (fixedCount == parts.Length)
        {
            return Exists(normalized) ? [normalized] : [];
        }

        var rest = parts[fixedCount..];
        var widened = string.Join('/', rest.Select(p => HasWildcard(p) ? Widen(p) : p));
        return Walk("/" + string.Join('/', parts[..fixedCount]), widened, ignoreCase, hostPattern, out _)
            .Where(match => !HidesDotName(match.Relative, rest))
            .Select(match => match.HostPath)
            .ToArray();
    }

    /// <summary>
    /// The one include: the configuration files <paramref name="pattern"/> names, in order, each read once through
    /// <see cref="Read"/> (confined, bounded, loops refused; a plain path that cannot be read is warned about with
    /// its reason unless the include is optional). A wildcard is globbed, a directory stands for what
    /// <paramref name="style"/> says, a plain path for itself.
    /// </summary>
    public IEnumerable<ConfigText> Include(string from, int line, string pattern, bool optional, IncludeStyle style)
    {
        var wildcard = HasWildcard(pattern);
        IReadOnlyList<string> matches = wildcard ? Glob(pattern) : [pattern];
        if (matches.Count == 0 && !optional && style.WarnWhenWildcardMatchesNothing)
        {
            Warn($"{Where(from, line)}{style.Keyword} {Show(pattern)} matches nothing");
        }

        foreach (var match in matches)
        {
            IReadOnlyList<string> files = !IsDirectory(match) ? [match] : style.Directories switch
            {
                IncludedDirectory.FilesUnder => FilesUnder(match),
                IncludedDirectory.FilesIn => Glob(match.TrimEnd('/') + "/*").Where(p => !IsDirectory(p)).ToArray(),
                _ => [match],
            };
            foreach (var path in files)
            {
                if (Read(path, from, line, warnIfMissing: !optional) is { } included)
                {
                    yield return included;
                }
            }
        }
    }

    /// <summary>Every file (not directory) under a host directory, recursively, sorted; bounded like <see cref="Glob"/>.</summary>
    public IReadOnlyList<string> FilesUnder(string hostDirectory)
    {
        var matches = Walk(hostDirectory, "**/*", ignoreCase: false, hostDirectory, out var directories);
        return matches.Select(m => m.HostPath).Where(p => !directories.Contains(p)).ToArray();
    }

    /// <summary>Records a log path named by a configuration line, unless it climbs out of the root.</summary>
    public void AddLog(string hostPath, string configFile, int line)
    {
        var where = Where(configFile, line);
        var normalized = HostLinks.Normalize(hostPath);
        if (normalized is null)
        {
            Warn($"{where}log path {Show(hostPath)} climbs out of the root with '..'; ignored");
            return;
        }

        // Follow links in the fixed part only; the part from the first wildcard on is left to the planner.
        var parts = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fixedCount = parts.TakeWhile(p => !HasWildcard(p)).Count();
        var resolved = links.Resolve("/" + string.Join('/', parts.Take(fixedCount)), out var problem);
        if (resolved is null)
        {
            Warn($"{where}log path {Show(hostPath)} {problem}; ignored");
            return;
        }

        var path = parts.Length == fixedCount ? resolved : Join(resolved, string.Join('/', parts.Skip(fixedCount)));
        if (logPaths.Count >= MaxLogs)
        {
            LimitOnce("logs", $"{where}stopped after {MaxLogs} log paths; {Show(path)} and later ones were not recorded");
            return;
        }

        if (logPaths.Add(path))
        {
            logs.Add(new DiscoveredLog(path, configFile, line));
        }
    }

    private FileKind? Kind(string hostPath) =>
        HostLinks.Normalize(hostPath) is { } normalized && links.Resolve(normalized, out _) is { } resolved
            ? links.Stat(resolved, out _)?.Kind
            : null;

    private bool WithinLimits(string where, string resolved)
    {
        if (visited.Count >= MaxFiles)
        {
            LimitOnce("files", $"{where}stopped after reading {MaxFiles} configuration files; {Show(resolved)} and later files were not read");
            return false;
        }

        if (reading.Count >= MaxDepth)
        {
            Warn($"{where}includes nest deeper than {MaxDepth} files; {Show(resolved)} not read");
            return false;
        }

        if (bytesRead >= MaxTotalBytes)
        {
            LimitOnce("total", $"{where}stopped after reading {MaxTotalBytes / (1024 * 1024)} MiB of configuration; {Show(resolved)} and later files were not read");
            return false;
        }

        return true;
    }

    private void LimitOnce(string limit, string message)
    {
        if (limitsReported.Add(limit))
        {
            Warn(message);
        }
    }

    private List<(string HostPath, string Relative)> Walk(string baseDirectory, string pattern, bool ignoreCase, string shownPattern, out HashSet<string> directories)
    {
        directories = [];
        if (links.Resolve(baseDirectory, out _) is not { } resolvedBase || links.Stat(resolvedBase, out _) is not { Kind: FileKind.Directory })
        {
            return [];
        }

        var matcher = new Matcher(ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        var walk = new BoundedWalk(MaxGlobEntries);
        var start = new PortDirectoryInfo(source, resolvedBase, null, (path, e) => Warn($"{Show(path)} cannot be listed: {e.Reason}"));
        var found = matcher.Execute(walk.Over(start)).Files
            .Select(f => (HostPath: HostPaths.Join(resolvedBase, f.Path), Relative: f.Path))
            .DistinctBy(f => f.HostPath, StringComparer.Ordinal)
            .OrderBy(f => f.HostPath, StringComparer.Ordinal)
            .ToList();
        if (walk.Truncated)
        {
            Warn($"{Show(shownPattern)}: more than {MaxGlobEntries} entries examined; the rest were skipped");
        }

        directories = walk.Directories;
        return found;
    }

    /// <summary>True when a component of the match starts with '.' where its pattern component does not.</summary>
    private static bool HidesDotName(string relative, string[] patternParts)
    {
        var names = relative.Split('/');
        return names.Where((name, i) => i < patternParts.Length && name.StartsWith('.') && !patternParts[i].StartsWith('.')).Any();
    }

    /// <summary>'?' and '[...]' become '*' for the matcher (see <see cref="Glob"/>).</summary>
    private static string Widen(string component)
    {
        var widened = new System.Text.StringBuilder();
        for (var i = 0; i < component.Length; i++)
        {
            var c = component[i];
            if (c == '[' && component.IndexOf(']', i + 1) is var end and > 0)
            {
                i = end;
                c = '*';
            }
            else if (c == '?')
            {
                c = '*';
            }

            if (c != '*' || widened.Length == 0 || widened[^1] != '*')
            {
                widened.Append(c);
            }
        }

        return widened.ToString();
    }

    /// <summary>Config text: UTF-8 with a leading BOM dropped; other bytes kept as raw escapes so paths stay exact.</summary>
    private static string Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        return RawNames.FromBytes(span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? span[3..] : span);
    }

    private sealed class Leave(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
