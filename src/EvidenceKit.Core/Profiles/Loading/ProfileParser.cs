using EvidenceKit.Core.Collection;
using EvidenceKit.Core.Profiles.Discovery;
using YamlDotNet.RepresentationModel;

namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>Turns the YAML of a system profile or a target file into validated definitions.</summary>
internal static class ProfileParser
{
    public static readonly IReadOnlyList<string> SystemKeys = ["name", "description", "include", "targets", "detect"];

    public static readonly IReadOnlyList<string> TargetKeys =
        ["name", "description", "category", "paths", "exclude", "max-file-size", "discover"];

    private static readonly string[] SystemOnlyKeys = ["include", "targets", "detect"];
    private static readonly string[] TargetOnlyKeys = ["category", "paths", "exclude", "max-file-size", "discover"];

    /// <summary>True when the keys look like a system profile, false for a target, null when neither.</summary>
    public static bool? LooksLikeSystem(YamlMap map) =>
        SystemOnlyKeys.Any(map.Has) ? true : TargetOnlyKeys.Any(map.Has) ? false : null;

    public static SystemProfileDefinition ParseSystem(YamlMap map, ProfileDocument document, string expectedName)
    {
        map.RejectUnknownKeys(SystemKeys);
        var (name, nameLine) = RequiredName(map);
        if (!string.Equals(name, expectedName, StringComparison.Ordinal))
        {
            throw ProfileErrors.NameNotFileName(map.File, nameLine, name, expectedName);
        }

        var (description, _) = map.RequiredText("description", "one sentence that says what kind of server this is");

        var includes = new List<NameReference>();
        foreach (var (value, line) in map.TextList("include", "system profile names")?.Items ?? [])
        {
            includes.Add(new NameReference(CheckName(map, "include", value, line), line));
        }

        var targets = new List<TargetReference>();
        foreach (var node in map.NodeList("targets", "target names or inline targets")?.Items ?? [])
        {
            var reference = ParseTargetEntry(map.File, node);
            if (targets.Any(t => t.Name == reference.Name))
            {
                throw ProfileErrors.DuplicateTargetInFile(map.File, reference.Line, reference.Name);
            }

            targets.Add(reference);
        }

        if (includes.Count == 0 && targets.Count == 0)
        {
            throw ProfileErrors.MissingKey(map.File, map.Line, "targets", "the targets this kind of server has, or 'include:' other profiles");
        }

        var detect = new List<DetectRule>();
        foreach (var node in map.NodeList("detect", "paths that show the program is installed")?.Items ?? [])
        {
            detect.Add(ParseDetectRule(map.File, node));
        }

        return new SystemProfileDefinition(name, description, includes, targets, detect, document with { Name = name });
    }

    public static TargetDefinition ParseTarget(YamlMap map, string definedIn, string? expectedName, string? folderCategory)
    {
        map.RejectUnknownKeys(TargetKeys);
        var (name, nameLine) = RequiredName(map);
        if (expectedName is not null && !string.Equals(name, expectedName, StringComparison.Ordinal))
        {
            throw ProfileErrors.NameNotFileName(map.File, nameLine, name, expectedName);
        }

        var (description, _) = map.RequiredText("description", "one sentence that says what these logs are");
        var (categoryText, categoryLine) = map.RequiredText("category", $"one of {string.Join(", ", CategoryNames.Names)}");
        if (!CategoryNames.TryParse(categoryText, out var category))
        {
            throw ProfileErrors.UnknownCategory(map.File, categoryLine, categoryText, CategoryNames.Names);
        }

        if (folderCategory is not null && !string.Equals(folderCategory, categoryText, StringComparison.Ordinal))
        {
            throw ProfileErrors.CategoryNotFolder(map.File, categoryLine, categoryText, folderCategory);
        }

        var paths = map.TextList("paths", "absolute paths or globs")
            ?? throw ProfileErrors.MissingKey(map.File, map.Line, "paths", "where the logs are, like [/var/log/app/**]");
        if (paths.Items.Count == 0)
        {
            throw ProfileErrors.EmptyPaths(map.File, paths.Line);
        }

        foreach (var (path, line) in paths.Items)
        {
            CheckAbsolute(map.File, "paths", path, line);
        }

        var exclude = map.TextList("exclude", "globs to leave out")?.Items ?? [];

        long? maxSize = null;
        if (map.Node("max-file-size") is { } sizeNode)
        {
            var line = map.LineOfKey("max-file-size");
            if (sizeNode is not YamlScalarNode sizeScalar || YamlMap.IsNull(sizeScalar))
            {
                throw ProfileErrors.WrongType(map.File, line, "max-file-size", "a size such as 2GiB, 500MB or 1048576");
            }

            maxSize = Sizes.TryParse(sizeScalar.Value!) ?? throw ProfileErrors.BadSize(map.File, line, sizeScalar.Value!);
        }

        string? discover = null;
        if (map.OptionalText("discover", "a discovery dialect") is var (dialect, dialectLine))
        {
            discover = LogDiscoverers.Kinds.Contains(dialect)
                ? dialect
                : throw ProfileErrors.UnknownDialect(map.File, dialectLine, dialect, LogDiscoverers.Kinds);
        }

        return new TargetDefinition
        {
            Name = name,
            Description = description,
            Category = category,
            Paths = paths.Items.Select(p => p.Value).ToArray(),
            Exclude = exclude.Select(e => e.Value).ToArray(),
            MaxFileSize = maxSize,
            Discover = discover,
            DefinedIn = map.File,
        };
    }

    private static TargetReference ParseTargetEntry(string file, YamlNode node)
    {
        var line = YamlMap.LineOf(node.Start);
        switch (node)
        {
            case YamlScalarNode scalar when !YamlMap.IsNull(scalar):
                var name = scalar.Value!;
                if (!ProfilePaths.IsValidName(name))
                {
                    throw ProfileErrors.BadName(file, line, "targets", name);
                }

                return new TargetReference(name, line, null);
            case YamlMappingNode mapping:
                var inline = ParseTarget(YamlMap.FromNode(file, mapping), file, null, null);
                return new TargetReference(inline.Name, line, inline);
            default:
                throw ProfileErrors.WrongType(file, line, "targets", "a list whose items are target names or inline targets (mappings with name, description, category, paths)");
        }
    }

    private static DetectRule ParseDetectRule(string file, YamlNode node)
    {
        var line = YamlMap.LineOf(node.Start);
        var paths = new List<string>();
        switch (node)
        {
            case YamlScalarNode scalar when !YamlMap.IsNull(scalar):
                paths.Add(scalar.Value!);
                break;
            case YamlSequenceNode { Children.Count: > 0 } sequence:
                foreach (var item in sequence.Children)
                {
                    if (item is not YamlScalarNode itemScalar || YamlMap.IsNull(itemScalar))
                    {
                        throw ProfileErrors.WrongType(file, YamlMap.LineOf(item.Start), "detect", "a list whose items are paths, or lists of paths that must all exist");
                    }

                    paths.Add(itemScalar.Value!);
                }

                break;
            default:
                throw ProfileErrors.WrongType(file, line, "detect", "a list whose items are paths, or lists of paths that must all exist");
        }

        foreach (var path in paths)
        {
            CheckAbsolute(file, "detect", path, line);
        }

        return new DetectRule(paths, line);
    }

    private static (string Name, int Line) RequiredName(YamlMap map)
    {
        var (name, line) = map.RequiredText("name", "the file name without .yaml");
        return (CheckName(map, "name", name, line), line);
    }

    private static string CheckName(YamlMap map, string key, string name, int line) =>
        ProfilePaths.IsValidName(name) ? name : throw ProfileErrors.BadName(map.File, line, key, name);

    private static void CheckAbsolute(string file, string key, string path, int line)
    {
        if (!ProfilePaths.IsAbsolute(path))
        {
            throw ProfileErrors.RelativePath(file, line, key, path);
        }

        if (ProfilePaths.HasDotDot(path))
        {
            throw ProfileErrors.DotDotPath(file, line, key, path);
        }
    }
}
