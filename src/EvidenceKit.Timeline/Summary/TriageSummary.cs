using System.Globalization;
using EvidenceKit.Timeline.Pipeline;

namespace EvidenceKit.Timeline.Summary;

/// <summary>
/// Tallies events as they are read, for the triage summary: per host and source, per client address, per attack
/// pattern. Memory is bounded: at most <see cref="MaxClients"/> addresses are tracked (events of further addresses are
/// counted as untracked), and each pattern keeps only its earliest examples. Thread-safe.
/// </summary>
internal sealed class TriageSummary
{
    /// <summary>The most distinct client addresses tallied.</summary>
    public const int MaxClients = 200_000;

    private readonly object _lock = new();
    private readonly Dictionary<(string Host, string Source, string Parser), SourceTally> _sources = [];
    private readonly Dictionary<string, ClientTally> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PatternTally> _patterns = AttackPatterns.Names.ToDictionary(n => n, n => new PatternTally(n), StringComparer.Ordinal);

    /// <summary>Events whose client address was not tallied because <see cref="MaxClients"/> were already tracked.</summary>
    public long UntrackedClientEvents { get; private set; }

    public IReadOnlyCollection<SourceTally> Sources => _sources.Values;

    public IReadOnlyCollection<ClientTally> Clients => _clients.Values;

    public IReadOnlyCollection<PatternTally> Patterns => _patterns.Values;

    /// <summary>Tallies a batch of one file's events.</summary>
    public void Observe(EvidenceFile file, IReadOnlyList<TimelineEvent> events)
    {
        lock (_lock)
        {
            // A batch is one file's: its two source tallies (parsed, unparsed) are looked up once, not per event.
            SourceTally? parsed = null, unparsed = null;
            foreach (var e in events)
            {
                var source = e.Unparsed ? unparsed ??= Source(file, "unparsed") : parsed ??= Source(file, file.Parser ?? "");
                Observe(file, source, e);
            }
        }
    }

    private SourceTally Source(EvidenceFile file, string parser)
    {
        var key = (file.Bundle.Facts.Host, file.Record.SourcePath, parser);
        if (!_sources.TryGetValue(key, out var source))
        {
            _sources[key] = source = new SourceTally(key.Host, key.SourcePath, parser);
        }
        return source;
    }

    private void Observe(EvidenceFile file, SourceTally source, TimelineEvent e)
    {
        var time = new DateTimeOffset(e.Ticks, TimeSpan.Zero);
        source.Events++;
        source.First = time < source.First ? time : source.First;
        source.Last = time > source.Last ? time : source.Last;
        if (e.Unparsed)
        {
            return;
        }
        string? client = null, url = null, agent = null, status = null, outcome = null;
        var request = false;
        foreach (var (name, value) in e.Fields)
        {
            switch (name)
            {
                case "client_ip": client = value; break;
                case "url": url = value; break;
                case "user_agent": agent = value; break;
                case "status": status = value; request = true; break;
                case "method": request = true; break;
                case "outcome": outcome = value; break;
            }
        }
        if (client is not null && Client(client) is { } tally)
        {
            tally.Seen(time);
            if (request)
            {
                tally.Requests++;
                if (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code >= 400)
                {
                    tally.Errors++;
                }
            }
            if (outcome == "failure")
            {
                tally.AuthFailures++;
            }
        }
        var matched = AttackPatterns.Match(url, agent);
        for (var bit = 0; matched != 0; bit++, matched >>= 1)
        {
            if ((matched & 1) == 0)
            {
                continue;
            }
            var patternTally = _patterns[AttackPatterns.Names[bit]];
            patternTally.Count++;
            Keep(patternTally, new PatternHit(time, client, url ?? agent ?? "", file.Bundle.Facts.Host, file.Record.EvidenceId, file.Record.BagPath, e.Position));
        }
    }

    private ClientTally? Client(string address)
    {
        if (_clients.TryGetValue(address, out var tally))
        {
            return tally;
        }
        if (_clients.Count >= MaxClients)
        {
            UntrackedClientEvents++;
            return null;
        }
        return _clients[address] = new ClientTally(address);
    }

    /// <summary>Keeps the earliest examples: a later hit replaces nothing once the list is full of earlier ones.</summary>
    private static void Keep(PatternTally tally, PatternHit hit)
    {
        var examples = tally.Examples;
        if (examples.Count >= PatternTally.MaxExamples && hit.Time >= examples[^1].Time)
        {
            return;
        }
        var at = examples.FindIndex(x => x.Time > hit.Time);
        examples.Insert(at < 0 ? examples.Count : at, hit);
        if (examples.Count > PatternTally.MaxExamples)
        {
            examples.RemoveAt(examples.Count - 1);
        }
    }
}
