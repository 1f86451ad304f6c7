namespace EvidenceKit.Timeline.Parsing;

/// <summary>The parsers of service logs (journald, utmp, audit, IIS, ...); written on branch tlparse, empty here until merged.</summary>
internal static class ServiceParsers
{
    /// <summary>Every service-log parser.</summary>
    public static IReadOnlyList<ILogParser> All { get; } = [];
}
