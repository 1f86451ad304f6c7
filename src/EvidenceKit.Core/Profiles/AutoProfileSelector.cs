using EvidenceKit.Core.Abstractions;
using EvidenceKit.Core.Profiles.Discovery;
using EvidenceKit.Core.Profiles.Loading;

namespace EvidenceKit.Core.Profiles;

/// <summary>
/// "--profile auto": picks every system profile whose <c>detect:</c> rule matches under the root (an entry that
/// is one path matches when it exists; an entry that is a list matches when all of its paths exist; '*' is
/// allowed; Windows paths are looked up under the root without their drive and case-insensitively). Every lookup
/// goes through the <see cref="ISourceFiles"/> port: a link in a rule's path is followed inside the root only, and
/// nothing is opened.
/// </summary>
public sealed class AutoProfileSelector
{
    /// <summary>Chooses the profiles for the system behind <paramref name="source"/> and resolves them together.</summary>
    /// <param name="catalog">Where the profiles and their detect rules come from.</param>
    /// <param name="source">The port on the collected root ("/" for the live host, or the directory an image is mounted on).</param>
    /// <returns>The chosen profiles; <see cref="ResolvedProfile.Selection"/> says why each was chosen.</returns>
    /// <exception cref="ProfileException">No profile matched, or a chosen profile is wrong.</exception>
    public ResolvedProfile Select(ProfileCatalog catalog, ISourceFiles source)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(source);

        var tree = new ConfigTree(source);
        var chosen = new List<SystemProfileDefinition>();
        var reasons = new List<string>();
        foreach (var profile in catalog.AllSystems())
        {
            foreach (var rule in profile.Detect)
            {
                var found = rule.AllOf.Select(path => Find(tree, path)).ToList();
                if (found.All(f => f is not null))
                {
                    chosen.Add(profile);
                    reasons.Add($"{profile.Name}: found {JoinAnd(found!)}");
                    break;
                }
            }
        }

        if (chosen.Count == 0)
        {
            throw ProfileErrors.AutoFoundNothing(source.Root);
        }

        var description = $"Chosen by --profile auto: {string.Join(", ", chosen.Select(p => p.Name))}";
        return catalog.ResolveAll(chosen, description, reasons);
    }

    private static string? Find(ConfigTree tree, string path)
    {
        if (ProfilePaths.IsWindowsDrivePath(path))
        {
            var hostPath = "/" + path[3..].Replace('\\', '/');
            return tree.Glob(hostPath, ignoreCase: true).Count > 0 ? path : null;
        }

        return tree.Glob(path).FirstOrDefault();
    }

    private static string JoinAnd(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}
