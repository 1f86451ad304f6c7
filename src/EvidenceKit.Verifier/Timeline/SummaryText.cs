using System.Globalization;
using EvidenceKit.Cli;
using EvidenceKit.Timeline.Summary;

namespace EvidenceKit.Verifier.Timeline;

/// <summary>The triage summary as plain lines; every text from the evidence is escaped to one visible line.</summary>
internal static class SummaryText
{
    public static void Write(SummaryReport report, TextWriter output)
    {
        output.WriteLine("Timeline summary");
        foreach (var bundle in report.Bundles)
        {
            output.WriteLine($"  bundle {E(bundle.BundleId)} host {E(bundle.Host)}: {E(bundle.Verdict)}, zone-less times read in {E(bundle.Zone)} ({E(bundle.Path)})");
        }
        output.WriteLine($"  events written: {report.EventsWritten}");
        output.WriteLine("Sources (host, source, parser: events, first, last)");
        foreach (var source in report.Sources)
        {
            output.WriteLine($"  {E(source.Host)} {E(source.SourcePath)} {E(source.Parser)}: {source.Events}, {Time(source.First)}, {Time(source.Last)}");
        }
        Clients(output, "Clients with the most requests", report.TopByRequests, c => c.Requests);
        Clients(output, "Clients with the most errors (4xx/5xx)", report.TopByErrors, c => c.Errors);
        Clients(output, "Clients with the most authentication failures", report.TopByAuthFailures, c => c.AuthFailures);
        if (report.UntrackedClientEvents > 0)
        {
            output.WriteLine($"  ({report.UntrackedClientEvents} events of further addresses were not tallied: more than {TriageSummary.MaxClients} addresses)");
        }
        output.WriteLine("Attack-pattern matches (heuristics, not verdicts; see README)");
        foreach (var pattern in report.Patterns)
        {
            output.WriteLine($"  {pattern.Name}: {pattern.Count}");
            foreach (var hit in pattern.Examples)
            {
                output.WriteLine($"    {Time(hit.Time)} {E(hit.ClientIp ?? "-")} {E(hit.Request)} [{E(hit.Host)} {E(hit.EvidenceId)} {E(hit.BagPath)}:{hit.Line}]");
            }
        }
        output.WriteLine("Files not fully read");
        foreach (var file in report.Files.Where(f => f.Unparsed > 0 || f.Notes.Count > 0))
        {
            var notes = file.Notes.Count > 0 ? "; " + string.Join("; ", file.Notes) : "";
            output.WriteLine($"  {E(file.EvidenceId)} {E(file.Host)}:{E(file.SourcePath)} ({E(file.Parser ?? "no parser")}): {file.Unparsed} unparsed lines{E(notes)}");
        }
        foreach (var path in report.Unlisted)
        {
            output.WriteLine($"  not in the manifest, not read: {E(path)}");
        }
    }

    private static void Clients(TextWriter output, string title, IReadOnlyList<ClientTally> clients, Func<ClientTally, long> count)
    {
        output.WriteLine($"{title} (address: count, first seen, last seen)");
        foreach (var client in clients)
        {
            output.WriteLine($"  {E(client.Address)}: {count(client)}, {Time(client.First)}, {Time(client.Last)}");
        }
    }

    private static string E(string? text) => TerminalText.Escape(text);

    internal static string Time(DateTimeOffset time) =>
        time == DateTimeOffset.MaxValue || time == DateTimeOffset.MinValue ? "-" : time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
