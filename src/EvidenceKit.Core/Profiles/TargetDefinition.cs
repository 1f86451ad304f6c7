namespace EvidenceKit.Core.Profiles;

/// <summary>One kind of log to collect: where it lives (globs) and what to leave out.</summary>
public sealed record TargetDefinition
{
    /// <summary>Unique name, e.g. "nginx".</summary>
    public required string Name { get; init; }

    /// <summary>What these logs are.</summary>
    public required string Description { get; init; }

    /// <summary>The kind of log.</summary>
    public required TargetCategory Category { get; init; }

    /// <summary>
    /// Globs as the host sees them: absolute Linux paths ("/var/log/nginx/**") or Windows paths
    /// ("C:\inetpub\logs\**\*.log", matched case-insensitively). '**' is recursive.
    /// </summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>Globs to leave out (same forms as <see cref="Paths"/>, or relative like "**/*.tmp").</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Largest file taken from this target, in bytes; null for no cap.</summary>
    public long? MaxFileSize { get; init; }

    /// <summary>Discovery dialect ("nginx", "apache", "tomcat", "rsyslog") that finds more log paths in the program's config.</summary>
    public string? Discover { get; init; }

    /// <summary>Where the definition came from (file path or embedded resource name), for messages.</summary>
    public required string DefinedIn { get; init; }
}
