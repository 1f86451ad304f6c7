using System.IO.Abstractions;
using System.Text;
using System.Text.RegularExpressions;

namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>
/// Reads a program's configuration files under a root ("/" for the live host, or a mounted image) for one
/// discovery run. Host paths ("/etc/nginx/nginx.conf") are resolved component by component as a chroot would:
/// an absolute symbolic link stays under the root, and a path or relative link that climbs above the root with
/// ".." is refused with a warning, so nothing outside the root is ever read. Include loops, files over
/// <see cref="MaxFileBytes"/> and more than <see cref="MaxFiles"/> files end in warnings, never in exceptions.
/// </summary>
internal sealed partial class ConfigTree
{
    public const long MaxFileBytes = 4L * 1024 * 1024;
    public const int MaxFiles = 500;
    private const int MaxLinks = 40;
    private const int MaxGlobEntries = 10_000;

    private readonly IFileSystem fs;
    private readonly string root;
    private readonly HashSet<string> visited = new(StringComparer.Ordinal);
    private readonly List<string> reading = [];
    private readonly List<string> configFiles = [];
    private readonly List<string> warnings = [];
    private readonly List<DiscoveredLog> logs = [];
    private readonly HashSet<string> logPaths = new(StringComparer.Ordinal);
    private bool fileLimitReported;

    public ConfigTree(IFileSystem fileSystem, string root)
    {
        fs = fileSystem;
        this.root = fs.Path.GetFullPath(root);
    }

    public DiscoveryResult Result() => new(logs.ToArray(), configFiles.ToArray(), warnings.ToArray());

    public void Warn(string message) => warnings.Add(message);

    public static string Where(string? file, int line) => file is null ? string.Empty : $"{file}:{line}: ";

    public static bool HasWildcard(string path) => path.IndexOfAny(['*', '?', '[']) >= 0;

    /// <summary>Collapses "." and ".." in an absolute host path; null when ".." climbs above "/".</summary>
    public static string? Normalize(string hostPath)
    {
        var parts = new List<string>();
        foreach (var part in hostPath.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>Joins a possibly relative path onto a base directory (both host paths).</summary>
    public static string Join(string baseDirectory, string path) =>
        path.StartsWith('/') ? path : baseDirectory.TrimEnd('/') + "/" + path;

    /// <summary>The host path with every symbolic link followed under the root; null (with a reason) when it leaves the root.</summary>
    public string? Resolve(string hostPath, out string? problem)
    {
        problem = null;
        var pending = new LinkedList<string>(hostPath.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var resolved = new List<string>();
        var links = 0;
        while (pending.First is { } first)
        {
            var part = first.Value;
            pending.RemoveFirst();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count == 0)
                {
                    problem = "leaves the root through '..'";
                    return null;
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            var full = FullPath("/" + string.Join('/', resolved.Append(part)));
            var target = LinkTarget(full);
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }

            if (++links > MaxLinks)
            {
                problem = "has too many levels of symbolic links";
                return null;
            }

            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var linkPart in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.AddFirst(linkPart);
            }
        }

        return "/" + string.Join('/', resolved);
    }

    /// <summary>Where a resolved host path lies in the file system this process sees.</summary>
    public string FullPath(string resolvedHostPath) =>
        resolvedHostPath == "/" ? root : fs.Path.Combine(root, resolvedHostPath.TrimStart('/'));

    public bool IsDirectory(string hostPath) =>
        Resolve(hostPath, out _) is { } resolved && fs.Directory.Exists(FullPath(resolved));

    public bool Exists(string hostPath) =>
        Resolve(hostPath, out _) is { } resolved && (fs.File.Exists(FullPath(resolved)) || fs.Directory.Exists(FullPath(resolved)));

    /// <summary>
    /// Reads one configuration file. Returns null (after a warning where it matters) when the file is missing,
    /// outside the root, already being read (a loop), already read, too large, or past the file limit.
    /// </summary>
    public ConfigText? Read(string hostPath, string? from, int line, bool warnIfMissing)
    {
        var where = Where(from, line);
        var normalized = Normalize(hostPath);
        if (normalized is null)
        {
            Warn($"{where}{hostPath} climbs out of the root with '..'; not read");
            return null;
        }

        var resolved = Resolve(normalized, out var problem);
        if (resolved is null)
        {
            Warn($"{where}{hostPath} {problem}; not read");
            return null;
        }

        var full = FullPath(resolved);
        if (!fs.File.Exists(full))
        {
            if (warnIfMissing)
            {
                Warn($"{where}{hostPath} does not exist");
            }

            return null;
        }

        if (reading.Contains(resolved))
        {
            Warn($"{where}include loop: {resolved} is already being read ({string.Join(" -> ", reading)} -> {resolved}); not read again");
            return null;
        }

        if (visited.Contains(resolved))
        {
            return null;
        }

        if (visited.Count >= MaxFiles)
        {
            if (!fileLimitReported)
            {
                Warn($"{where}stopped after reading {MaxFiles} configuration files; {resolved} and later files were not read");
                fileLimitReported = true;
            }

            return null;
        }

        try
        {
            var size = fs.FileInfo.New(full).Length;
            if (size > MaxFileBytes)
            {
                Warn($"{where}{resolved} is {size} bytes, more than the {MaxFileBytes / (1024 * 1024)} MiB read for discovery; not read");
                return null;
            }

            var text = fs.File.ReadAllText(full, Encoding.UTF8);
            visited.Add(resolved);
            configFiles.Add(resolved);
            return new ConfigText(resolved, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Warn($"{where}{resolved} cannot be read: {e.Message}");
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
    /// Host paths matching a pattern whose components may hold '*', '?' and '[...]' (never '**'), sorted.
    /// '*' does not match a leading '.', as in glob(3).
    /// </summary>
    public IReadOnlyList<string> Glob(string hostPattern, bool ignoreCase = false)
    {
        var normalized = Normalize(hostPattern);
        if (normalized is null)
        {
            return [];
        }

        var current = new List<string> { "/" };
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var examined = 0;
        foreach (var part in normalized.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = new List<string>();
            var regex = HasWildcard(part) || ignoreCase ? ComponentRegex(part, ignoreCase) : null;
            foreach (var directory in current)
            {
                if (regex is null)
                {
                    next.Add(Join(directory, part));
                    continue;
                }

                foreach (var name in ListNames(directory))
                {
                    if (++examined > MaxGlobEntries)
                    {
                        Warn($"{hostPattern}: more than {MaxGlobEntries} entries examined; the rest were skipped");
                        return next.Order(StringComparer.Ordinal).ToArray();
                    }

                    if (regex.IsMatch(name))
                    {
                        next.Add(Join(directory, name));
                        listed.Add(Join(directory, name));
                    }
                }
            }

            current = next;
        }

        // A listed name exists even when it is a link that leaves the root: reading it then says so.
        return current.Where(p => listed.Contains(p) || Exists(p)).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every file under a host directory, recursively, sorted; bounded like <see cref="Glob"/>.</summary>
    public IReadOnlyList<string> FilesUnder(string hostDirectory)
    {
        var files = new List<string>();
        var pending = new Stack<string>([hostDirectory]);
        var examined = 0;
        while (pending.Count > 0 && examined < MaxGlobEntries)
        {
            var directory = pending.Pop();
            foreach (var name in ListNames(directory))
            {
                examined++;
                var path = Join(directory, name);
                if (IsDirectory(path))
                {
                    pending.Push(path);
                }
                else
                {
                    files.Add(path);
                }
            }
        }

        return files.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Records a log path named by a configuration line, unless it climbs out of the root.</summary>
    public void AddLog(string hostPath, string configFile, int line)
    {
        var where = Where(configFile, line);
        var normalized = Normalize(hostPath);
        if (normalized is null)
        {
            Warn($"{where}log path {hostPath} climbs out of the root with '..'; ignored");
            return;
        }

        // Follow links in the fixed part only; the part from the first wildcard on is left to the planner.
        var parts = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var fixedCount = parts.TakeWhile(p => !HasWildcard(p)).Count();
        var resolved = Resolve("/" + string.Join('/', parts.Take(fixedCount)), out var problem);
        if (resolved is null)
        {
            Warn($"{where}log path {hostPath} {problem}; ignored");
            return;
        }

        var path = parts.Length == fixedCount ? resolved : Join(resolved, string.Join('/', parts.Skip(fixedCount)));
        if (logPaths.Add(path))
        {
            logs.Add(new DiscoveredLog(path, configFile, line));
        }
    }

    private IEnumerable<string> ListNames(string hostDirectory)
    {
        var resolved = Resolve(hostDirectory, out _);
        if (resolved is null)
        {
            return [];
        }

        var full = FullPath(resolved);
        try
        {
            return fs.Directory.Exists(full)
                ? fs.Directory.EnumerateFileSystemEntries(full).Select(e => fs.Path.GetFileName(e)).Order(StringComparer.Ordinal).ToArray()
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Warn($"{resolved} cannot be listed: {e.Message}");
            return [];
        }
    }

    private string? LinkTarget(string fullPath)
    {
        try
        {
            return fs.FileInfo.New(fullPath).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Regex ComponentRegex(string part, bool ignoreCase)
    {
        var pattern = new StringBuilder("^");
        if (!part.StartsWith('.'))
        {
            pattern.Append(@"(?!\.)");
        }

        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            switch (c)
            {
                case '*':
                    pattern.Append(".*");
                    break;
                case '?':
                    pattern.Append('.');
                    break;
                case '[' when part.IndexOf(']', i + 1) is var end and > 0:
                    var set = part[(i + 1)..end];
                    var negate = set.StartsWith('!') || set.StartsWith('^');
                    pattern.Append('[').Append(negate ? "^" : string.Empty)
                        .Append(Regex.Escape(negate ? set[1..] : set).Replace(@"\-", "-", StringComparison.Ordinal)).Append(']');
                    i = end;
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(pattern.Append('$').ToString(), (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant);
    }

    private sealed class Leave(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
