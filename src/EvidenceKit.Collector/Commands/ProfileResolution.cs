using System.IO.Abstractions;
using EvidenceKit.Cli;
using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Profiles;

namespace EvidenceKit.Collector.Commands;

/// <summary>Finds the profile the user named: embedded, from --profiles DIR, a file path, or "auto".</summary>
internal static class ProfileResolution
{
    public static ProfileCatalog Catalog(IFileSystem fs, string? profilesDir)
    {
        if (profilesDir is null)
        {
            return ProfileCatalog.Embedded(fs);
        }
        if (!fs.Directory.Exists(profilesDir))
        {
            throw CliException.BadInput($"--profiles {profilesDir} is not a directory.");
        }
        return Guard(() => ProfileCatalog.FromDirectory(fs, profilesDir));
    }

    /// <summary>
    /// The profile to collect with. The catalog comes from the examiner's side (<paramref name="fs"/>); "auto" looks
    /// at the collected system only through <paramref name="source"/>, the port confined to its root.
    /// </summary>
    public static ResolvedProfile Resolve(IFileSystem fs, string? profilesDir, string nameOrPath, ISourceFiles source)
    {
        var catalog = Catalog(fs, profilesDir);
        return nameOrPath.Equals("auto", StringComparison.OrdinalIgnoreCase)
            ? Guard(() => new AutoProfileSelector().Select(catalog, source))
            : Guard(() => catalog.Resolve(nameOrPath));
    }

    public static T Guard<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (ProfileException e)
        {
            throw CliException.BadInput(e.Message, e);
        }
    }
}
