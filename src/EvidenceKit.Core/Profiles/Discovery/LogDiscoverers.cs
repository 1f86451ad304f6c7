namespace EvidenceKit.Core.Profiles.Discovery;

/// <summary>The discovery dialects a target's <c>discover:</c> key may name, and their discoverers.</summary>
public static class LogDiscoverers
{
    private static readonly Dictionary<string, Func<ILogDiscoverer>> Factories = new(StringComparer.Ordinal)
    {
        ["nginx"] = () => new NginxDiscoverer(),
        ["apache"] = () => new ApacheDiscoverer(),
        ["tomcat"] = () => new TomcatDiscoverer(),
        ["rsyslog"] = () => new RsyslogDiscoverer(),
    };

    /// <summary>The dialect names: "nginx", "apache", "tomcat", "rsyslog".</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["nginx", "apache", "tomcat", "rsyslog"];

    /// <summary>The discoverer for <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not one of <see cref="Kinds"/>.</exception>
    public static ILogDiscoverer Get(string kind) =>
        Factories.TryGetValue(kind, out var factory)
            ? factory()
            : throw new ArgumentException($"Unknown discovery dialect '{kind}'; known: {string.Join(", ", Kinds)}.", nameof(kind));
}
