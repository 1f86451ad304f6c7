using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Summary;

/// <summary>
/// The triage summary as data, for the text and JSON outputs: the bundles and their verdicts, per host and source the
/// time range and event count, the busiest client addresses by requests, errors and authentication failures, the
/// attack-pattern matches (heuristics), and every file that was not fully read, with why.
/// </summary>
internal sealed record SummaryReport(
    IReadOnlyList<SummaryReport.BundleLine> Bundles,
    long EventsWritten,
    IReadOnlyList<SourceTally> Sources,
    IReadOnlyList<ClientTally> TopByRequests,
    IReadOnlyList<ClientTally> TopByErrors,
    IReadOnlyList<ClientTally> TopByAuthFailures,
    long UntrackedClientEvents,
    IReadOnlyList<PatternTally> Patterns,
    IReadOnlyList<SummaryReport.FileLine> Files,
    IReadOnlyList<string> Unlisted)
{
    /// <summary>How many addresses each top list shows.</summary>
    public const int Top = 10;

    /// <summary>Builds the summary from a finished run.</summary>
    public static SummaryReport From(IEnumerable<TimelineBundle> bundles, TimelineResult result, IReadOnlyList<string> unlisted, long written)
    {
        var clients = result.Summary.Clients;
        return new SummaryReport(
            bundles.Select(b => new BundleLine(b.Path, b.Facts.BundleId, b.Facts.Host, b.Verdict, b.ZoneName)).ToList(),
            written,
            result.Summary.Sources.OrderBy(s => s.Host, StringComparer.Ordinal).ThenBy(s => s.SourcePath, StringComparer.Ordinal).ThenBy(s => s.Parser, StringComparer.Ordinal).ToList(),
            TopBy(clients, c => c.Requests),
            TopBy(clients, c => c.Errors),
            TopBy(clients, c => c.AuthFailures),
            result.Summary.UntrackedClientEvents,
            AttackPatterns.Names.Select(n => result.Summary.Patterns.Single(p => p.Name == n)).ToList(),
            result.Files.Select(FileLine.From).ToList(),
            unlisted);
    }

    private static List<ClientTally> TopBy(IEnumerable<ClientTally> clients, Func<ClientTally, long> count) =>
        clients.Where(c => count(c) > 0).OrderByDescending(count).ThenBy(c => c.Address, StringComparer.Ordinal).Take(Top).ToList();

    /// <summary>One bundle: path, id, host, the verdict its events carry, and the zone zone-less times were read in.</summary>
    internal sealed record BundleLine(string Path, string BundleId, string Host, string Verdict, string Zone);

    /// <summary>One evidence file's outcome.</summary>
    internal sealed record FileLine(string Host, string EvidenceId, string BagPath, string SourcePath, string? Parser, string? Compression,
        long Events, long Unparsed, long OutsideWindow, string Verdict, IReadOnlyList<string> Notes)
    {
        public static FileLine From(EvidenceFile f) => new(f.Bundle.Facts.Host, f.Record.EvidenceId, f.Record.BagPath, f.Record.SourcePath, f.Parser,
            f.Compression, f.Events, f.Unparsed, f.OutsideWindow, f.Verdict, [.. f.Notes]);
    }
}
