using EvidenceKit.Core.Profiles.Discovery;

namespace EvidenceKit.Collector.Commands;

/// <summary>The discovery dialects this build has, keyed by the name used in a target's <c>discover:</c>.</summary>
internal static class Discovery
{
    public static IReadOnlyDictionary<string, ILogDiscoverer> Registry { get; } = Build();

    private static Dictionary<string, ILogDiscoverer> Build()
    {
        var registry = new Dictionary<string, ILogDiscoverer>(StringComparer.Ordinal);
        foreach (var kind in LogDiscoverers.Kinds)
        {
            try
            {
                registry[kind] = LogDiscoverers.Get(kind);
            }
            catch (ArgumentException)
            {
                // Not in this build; the planner reports targets that ask for it.
            }
        }
        return registry;
    }
}
