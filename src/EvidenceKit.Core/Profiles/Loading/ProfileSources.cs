using System.IO.Abstractions;
using System.Reflection;
using System.Text;

namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>Finds profile files: embedded in this assembly, or in a directory with the same layout.</summary>
internal static class ProfileSources
{
    private const string ResourcePrefix = "profiles/";
    private const string Extension = ".yaml";

    public static IReadOnlyList<ProfileEntry> Embedded()
    {
        var assembly = typeof(ProfileSources).Assembly;
        var entries = new List<ProfileEntry>();
        foreach (var resource in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            var logical = resource.Replace('\\', '/');
            if (!logical.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !logical.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = logical[ResourcePrefix.Length..].Split('/');
            var entry = Classify(parts, $"embedded:{logical}", () => ReadResource(assembly, resource));
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    public static IReadOnlyList<ProfileEntry> Directory(IFileSystem fileSystem, string directory)
    {
        if (!fileSystem.Directory.Exists(directory))
        {
            throw ProfileErrors.DirectoryNotFound(directory);
        }

        var entries = new List<ProfileEntry>();
        var systems = fileSystem.Path.Combine(directory, "systems");
        if (fileSystem.Directory.Exists(systems))
        {
            foreach (var file in fileSystem.Directory.GetFiles(systems, "*" + Extension).Order(StringComparer.Ordinal))
            {
                entries.Add(Classify(["systems", fileSystem.Path.GetFileName(file)], file, () => ReadFile(fileSystem, file))!);
            }
        }

        var targets = fileSystem.Path.Combine(directory, "targets");
        if (fileSystem.Directory.Exists(targets))
        {
            foreach (var folder in fileSystem.Directory.GetDirectories(targets).Order(StringComparer.Ordinal))
            {
                var category = fileSystem.Path.GetFileName(folder);
                if (!CategoryNames.TryParse(category, out _))
                {
                    throw ProfileErrors.UnknownCategoryFolder(targets, category, CategoryNames.Names);
                }

                foreach (var file in fileSystem.Directory.GetFiles(folder, "*" + Extension).Order(StringComparer.Ordinal))
                {
                    entries.Add(Classify(["targets", category, fileSystem.Path.GetFileName(file)], file, () => ReadFile(fileSystem, file))!);
                }
            }
        }

        return entries;
    }

    public static string ReadFile(IFileSystem fileSystem, string path)
    {
        if (!fileSystem.File.Exists(path))
        {
            throw ProfileErrors.FileNotFound(path);
        }

        try
        {
            return fileSystem.File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ProfileErrors.Unreadable(path, e.Message);
        }
    }

    private static ProfileEntry? Classify(string[] parts, string source, Func<string> read)
    {
        static string NameOf(string fileName) => fileName[..^Extension.Length];

        return parts switch
        {
            ["systems", var file] => new ProfileEntry(NameOf(file), true, null, source, read),
            ["targets", var category, var file] => new ProfileEntry(NameOf(file), false, category, source, read),
            _ => null,
        };
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded profile {resource} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
