using System.Globalization;
using EvidenceKit.Timeline.Parsing;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// Receives one file's events from its parser: applies the clock correction and the time window, bounds every string
/// (a parser bug cannot make an event unbounded), numbers events in file order, and hands them in batches to the pipe
/// (tallies and sorter). Unreadable lines are counted, and kept as raw events when asked.
/// </summary>
internal sealed class FileSink(EvidenceFile file, TimelineOptions options, EventPipe pipe) : IEventSink
{
    /// <summary>The longest text kept in an event's message or original, in characters.</summary>
    public const int MaxText = 64 * 1024;

    /// <summary>The longest parsed-field value kept, in characters.</summary>
    public const int MaxFieldText = 16 * 1024;

    private const int BatchSize = 2048;
    private List<TimelineEvent> _batch = new(BatchSize);
    private long _sequence;
    private DateTimeOffset? _lastTime;

    /// <inheritdoc />
    public void Event(LogEvent logEvent)
    {
        var time = logEvent.Time.ToUniversalTime();
        var note = logEvent.TimeNote;
        if (options.CorrectClock && file.Bundle.Facts.ClockOffsetSeconds is { } offset)
        {
            try
            {
                time = time.AddSeconds(-offset);
            }
            catch (ArgumentOutOfRangeException)
            {
                Unparsed(logEvent.Position, logEvent.Original);
                return;
            }
            note = Join(note, string.Create(CultureInfo.InvariantCulture, $"clock corrected by {-offset:+0.###;-0.###;0} s (host.clockOffset)"));
        }
        _lastTime = time;
        if (!options.InWindow(time))
        {
            file.OutsideWindow++;
            return;
        }
        file.Events++;
        var fields = SortedFields(logEvent.Fields);
        Add(new TimelineEvent
        {
            Ticks = time.UtcTicks,
            FileOrdinal = file.Ordinal,
            Sequence = _sequence++,
            Position = logEvent.Position,
            PositionIsOffset = logEvent.PositionIsOffset,
            Unparsed = false,
            TimestampDescription = Bound(logEvent.TimestampDescription, 256),
            Message = Bound(logEvent.Message, MaxText),
            Original = Bound(logEvent.Original, MaxText),
            TimeNote = note,
            Fields = fields,
        });
    }

    /// <inheritdoc />
    public void Unparsed(long position, string original)
    {
        file.Unparsed++;
        if (!options.IncludeUnparsed)
        {
            return;
        }
        var time = _lastTime ?? file.Record.Mtime ?? DateTimeOffset.UnixEpoch;
        if (!options.InWindow(time))
        {
            return;
        }
        Add(new TimelineEvent
        {
            Ticks = time.UtcTicks,
            FileOrdinal = file.Ordinal,
            Sequence = _sequence++,
            Position = position,
            PositionIsOffset = false,
            Unparsed = true,
            TimestampDescription = "Unparsed Line",
            Message = "unparsed: " + Bound(original, 256),
            Original = Bound(original, MaxText),
            TimeNote = _lastTime is null ? "no time read: the file's modification time" : "no time read: the time of the file's previous event",
            Fields = [],
        });
    }

    /// <summary>Hands the events still held to the sorter.</summary>
    public void Flush()
    {
        if (_batch.Count == 0)
        {
            return;
        }
        pipe.Post(file, _batch);
        _batch = new List<TimelineEvent>(BatchSize);
    }

    private void Add(TimelineEvent e)
    {
        _batch.Add(e);
        if (_batch.Count >= BatchSize)
        {
            Flush();
        }
    }

    /// <summary>The fields sorted by name, names and values bounded.</summary>
    private static KeyValuePair<string, string>[] SortedFields(IReadOnlyDictionary<string, string> source)
    {
        KeyValuePair<string, string>[] fields;
        if (source is FieldList list)
        {
            // Already sorted, names distinct (the hot parsers build this form).
            fields = list.Sorted.ToArray();
        }
        else
        {
            fields = new KeyValuePair<string, string>[source.Count];
            var n = 0;
            foreach (var (key, value) in source)
            {
                fields[n++] = new(key, value);
            }
            // Sorted by name before the names are cut, as the keys of a dictionary they are distinct.
            Array.Sort(fields, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Key.Length > 128 || fields[i].Value.Length > MaxFieldText)
            {
                fields[i] = new(Bound(fields[i].Key, 128), Bound(fields[i].Value, MaxFieldText));
            }
        }
        return fields;
    }

    private static string? Join(string? a, string b) => a is null ? b : a + "; " + b;

    private static string Bound(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut] + "...[cut]";
    }
}
