namespace EvidenceKit.Testing;

/// <summary>
/// Type, size, mtime (and optionally atime) and SHA-256 of every entry under a directory, read with find(1) and
/// sha256sum(1), to prove a tree unchanged. Special files are listed, never opened.
/// </summary>
public static class TreeSnapshot
{
    public static IReadOnlyDictionary<string, string> Take(string root, bool withAtime = false)
    {
        var format = withAtime ? "%P\t%y\t%s\t%T@\t%A@\n" : "%P\t%y\t%s\t%T@\n";
        var listing = Run.Tool("find", [root, "-mindepth", "1", "-printf", format]);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var regular = new List<string>();
        foreach (var line in listing.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            result[fields[0]] = string.Join('|', fields.Skip(1));
            if (fields[1] == "f")
            {
                regular.Add(fields[0]);
            }
        }
        foreach (var chunk in regular.Chunk(200))
        {
            var sums = Run.Tool("sha256sum", ["--", .. chunk], workingDirectory: root);
            foreach (var line in sums.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var path = line[66..];
                if (result.TryGetValue(path, out var v))
                {
                    result[path] = v + "|" + line[..64];
                }
            }
        }
        return result;
    }
}
