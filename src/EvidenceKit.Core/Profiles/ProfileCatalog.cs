using System.IO.Abstractions;
using EvidenceKit.Core.Profiles.Loading;

namespace EvidenceKit.Core.Profiles;

/// <summary>
/// The system profiles and targets that can be used: the ones embedded in EvidenceKit, optionally
/// overridden by a directory (--profiles DIR) with the same layout (systems/NAME.yaml,
/// targets/CATEGORY/NAME.yaml). Resolves profiles with their includes; every problem is a
/// <see cref="ProfileException"/> naming file, line and key.
/// </summary>
public sealed class ProfileCatalog
{
    private readonly IFileSystem fileSystem;
    private readonly Dictionary<string, ProfileEntry> systems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProfileEntry> targets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SystemProfileDefinition> parsedSystems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TargetDefinition Target, ProfileDocument Document)> parsedTargets = new(StringComparer.Ordinal);

    internal ProfileCatalog(IFileSystem fileSystem, IEnumerable<IReadOnlyList<ProfileEntry>> layers)
    {
        this.fileSystem = fileSystem;
        foreach (var layer in layers)
        {
            var targetsOfLayer = new Dictionary<string, ProfileEntry>(StringComparer.Ordinal);
            foreach (var entry in layer)
            {
                if (entry.IsSystem)
                {
                    systems[entry.Name] = entry;
                }
                else if (targetsOfLayer.TryGetValue(entry.Name, out var other))
                {
                    throw ProfileErrors.TargetDefinedTwice(entry.Source, entry.Name, other.Source);
                }
                else
                {
                    targetsOfLayer[entry.Name] = entry;
                    targets[entry.Name] = entry;
                }
            }
        }
    }

    /// <summary>The profiles shipped inside EvidenceKit; paths given to <see cref="Resolve"/> are read through <paramref name="fileSystem"/>.</summary>
    public static ProfileCatalog Embedded(IFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        return new ProfileCatalog(fileSystem, [ProfileSources.Embedded()]);
    }

    /// <summary>
    /// The embedded profiles overridden by <paramref name="dir"/> (systems/ and targets/&lt;category&gt;/):
    /// a name found there wins over the embedded one; the other embedded profiles stay available.
    /// </summary>
    /// <exception cref="ProfileException">The directory is missing or its layout is wrong.</exception>
    public static ProfileCatalog FromDirectory(IFileSystem fs, string dir)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentException.ThrowIfNullOrEmpty(dir);
        return new ProfileCatalog(fs, [ProfileSources.Embedded(), ProfileSources.Directory(fs, dir)]);
    }

    /// <summary>Names of every system profile, sorted.</summary>
    public IReadOnlyList<string> SystemNames => systems.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Names of every target file, sorted.</summary>
    public IReadOnlyList<string> TargetNames => targets.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Resolves a system profile by name, or a system profile file when <paramref name="nameOrPath"/> contains
    /// '/' or '\' or ends in ".yaml"; included profiles and target names are looked up in this catalog.
    /// </summary>
    /// <exception cref="ProfileException">The profile, or anything it uses, is missing or wrong.</exception>
    public ResolvedProfile Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        var profile = ProfilePaths.LooksLikeFile(nameOrPath) ? LoadSystemFile(nameOrPath) : System(nameOrPath);
        return ResolveAll([profile], profile.Description, []);
    }

    /// <summary>Every system profile with its description, the categories it collects and where it came from.</summary>
    /// <exception cref="ProfileException">A profile in the catalog is wrong.</exception>
    public IReadOnlyList<ProfileSummary> List()
    {
        var summaries = new List<ProfileSummary>();
        foreach (var name in SystemNames)
        {
            var resolved = Resolve(name);
            var categories = resolved.Targets.Select(t => t.Category).Distinct().Order().Select(CategoryNames.ToName).ToArray();
            summaries.Add(new ProfileSummary(name, resolved.Description, categories, systems[name].Source));
        }

        return summaries;
    }

    /// <summary>
    /// Validates one file ("profiles check FILE"): a system profile (resolved fully against this catalog) or a
    /// target file. A file under a folder named systems/ is a system profile, under targets/&lt;category&gt;/ a target;
    /// elsewhere its keys decide.
    /// </summary>
    /// <returns>The resolved profile; for a target file, a profile holding just that target.</returns>
    /// <exception cref="ProfileException">The file is wrong; the message names file, line and key.</exception>
    public ResolvedProfile Check(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = ProfileSources.ReadFile(fileSystem, path);
        var map = YamlMap.ParseDocument(path, text);
        var fileName = NameOfFile(path);
        var folder = fileSystem.Path.GetFileName(fileSystem.Path.GetDirectoryName(path) ?? string.Empty);
        var grandFolder = fileSystem.Path.GetFileName(fileSystem.Path.GetDirectoryName(fileSystem.Path.GetDirectoryName(path) ?? string.Empty) ?? string.Empty);

        var isSystem = folder == "systems" ? true
            : grandFolder == "targets" ? false
            : ProfileParser.LooksLikeSystem(map) ?? throw ProfileErrors.NotAProfile(path);
        if (isSystem)
        {
            var profile = ProfileParser.ParseSystem(map, ProfileText.Document(fileName, path, text), fileName);
            parsedSystems[path] = profile;
            return ResolveAll([profile], profile.Description, []);
        }

        var target = ProfileParser.ParseTarget(map, path, fileName, grandFolder == "targets" ? folder : null);
        return new ResolvedProfile([target.Name], target.Description, [target], [ProfileText.Document(target.Name, path, text)], []);
    }

    internal SystemProfileDefinition System(string name) =>
        systems.TryGetValue(name, out var entry) ? Parse(entry) : throw ProfileErrors.UnknownProfile(name, SystemNames);

    internal IEnumerable<SystemProfileDefinition> AllSystems() => SystemNames.Select(System);

    internal ResolvedProfile ResolveAll(IReadOnlyList<SystemProfileDefinition> profiles, string description, IReadOnlyList<string> selection)
    {
        var resolution = new Resolution();
        foreach (var profile in profiles)
        {
            Visit(profile, [profile.Name], resolution);
        }

        return new ResolvedProfile(profiles.Select(p => p.Name).ToArray(), description, resolution.Targets, resolution.Documents, selection);
    }

    private void Visit(SystemProfileDefinition profile, List<string> chain, Resolution resolution)
    {
        resolution.AddDocument(profile.Document);
        foreach (var include in profile.Includes)
        {
            var start = chain.IndexOf(include.Name);
            if (start >= 0)
            {
                throw ProfileErrors.IncludeCycle(profile.Document.Source, include.Line, [.. chain[start..], include.Name]);
            }

            if (!systems.TryGetValue(include.Name, out var entry))
            {
                throw ProfileErrors.UnknownInclude(profile.Document.Source, include.Line, include.Name, SystemNames);
            }

            Visit(Parse(entry), [.. chain, include.Name], resolution);
        }

        foreach (var reference in profile.Targets)
        {
            if (reference.Inline is { } inline)
            {
                resolution.AddTarget(inline, profile.Document.Source, reference.Line);
                continue;
            }

            if (!targets.TryGetValue(reference.Name, out var entry))
            {
                throw ProfileErrors.UnknownTarget(profile.Document.Source, reference.Line, reference.Name);
            }

            var (target, document) = ParseTarget(entry);
            resolution.AddDocument(document);
            resolution.AddTarget(target, profile.Document.Source, reference.Line);
        }
    }

    private SystemProfileDefinition LoadSystemFile(string path)
    {
        if (parsedSystems.TryGetValue(path, out var known))
        {
            return known;
        }

        var text = ProfileSources.ReadFile(fileSystem, path);
        var map = YamlMap.ParseDocument(path, text);
        if (ProfileParser.LooksLikeSystem(map) == false)
        {
            throw ProfileErrors.TargetNotSystem(path);
        }

        var name = NameOfFile(path);
        var profile = ProfileParser.ParseSystem(map, ProfileText.Document(name, path, text), name);
        parsedSystems[path] = profile;
        return profile;
    }

    private SystemProfileDefinition Parse(ProfileEntry entry)
    {
        if (!parsedSystems.TryGetValue(entry.Source, out var profile))
        {
            var text = entry.ReadText();
            var map = YamlMap.ParseDocument(entry.Source, text);
            profile = ProfileParser.ParseSystem(map, ProfileText.Document(entry.Name, entry.Source, text), entry.Name);
            parsedSystems[entry.Source] = profile;
        }

        return profile;
    }

    private (TargetDefinition, ProfileDocument) ParseTarget(ProfileEntry entry)
    {
        if (!parsedTargets.TryGetValue(entry.Source, out var parsed))
        {
            var text = entry.ReadText();
            var map = YamlMap.ParseDocument(entry.Source, text);
            var target = ProfileParser.ParseTarget(map, entry.Source, entry.Name, entry.FolderCategory);
            parsed = (target, ProfileText.Document(entry.Name, entry.Source, text));
            parsedTargets[entry.Source] = parsed;
        }

        return parsed;
    }

    /// <summary>Validates every system profile and every target file of the catalog.</summary>
    internal void ValidateAll()
    {
        foreach (var entry in targets.Values)
        {
            ParseTarget(entry);
        }

        foreach (var name in SystemNames)
        {
            Resolve(name);
        }
    }

    private string NameOfFile(string path)
    {
        var fileName = fileSystem.Path.GetFileName(path.Replace('\\', '/').Split('/')[^1]);
        return fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ? fileName[..^".yaml".Length] : fileName;
    }

    private sealed class Resolution
    {
        private readonly Dictionary<string, TargetDefinition> byName = new(StringComparer.Ordinal);
        private readonly HashSet<string> sources = new(StringComparer.Ordinal);

        public List<TargetDefinition> Targets { get; } = [];

        public List<ProfileDocument> Documents { get; } = [];

        public void AddDocument(ProfileDocument document)
        {
            if (sources.Add(document.Source))
            {
                Documents.Add(document);
            }
        }

        public void AddTarget(TargetDefinition target, string usedIn, int line)
        {
            if (byName.TryGetValue(target.Name, out var first))
            {
                // The same definition reached twice (two profiles include the same one) is fine; two different
                // definitions under one name would silently drop one of them.
                if (!ReferenceEquals(first, target))
                {
                    throw ProfileErrors.ConflictingTarget(usedIn, line, target.Name, first.DefinedIn);
                }

                return;
            }

            byName[target.Name] = target;
            Targets.Add(target);
        }
    }
}
