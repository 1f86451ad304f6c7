namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>The YAML spelling of <see cref="TargetCategory"/> values ("web-server").</summary>
internal static class CategoryNames
{
    private static readonly (string Name, TargetCategory Category)[] All =
    [
        ("web-server", TargetCategory.WebServer),
        ("application", TargetCategory.Application),
        ("service", TargetCategory.Service),
        ("system", TargetCategory.System),
        ("database", TargetCategory.Database),
        ("proxy", TargetCategory.Proxy),
        ("firewall", TargetCategory.Firewall),
        ("ids", TargetCategory.Ids),
        ("waf", TargetCategory.Waf),
        ("container", TargetCategory.Container),
        ("shell", TargetCategory.Shell),
    ];

    public static IEnumerable<string> Names => All.Select(a => a.Name);

    public static bool TryParse(string text, out TargetCategory category)
    {
        foreach (var (name, value) in All)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                category = value;
                return true;
            }
        }

        category = default;
        return false;
    }

    public static string ToName(TargetCategory category) => All.First(a => a.Category == category).Name;
}
