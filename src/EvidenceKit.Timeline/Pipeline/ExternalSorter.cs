namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// Sorts any number of events in bounded memory (an external merge sort): events are held serialized in a
/// <see cref="RunBuffer"/> until it holds the run budget in bytes, then sorted by their keys and spilled to a run file in
/// a private temporary directory (mode 0700, removed on dispose); at the end the runs are merged k ways, at most
/// <see cref="MaxFanIn"/> open at once (when there are more, the fewest runs needed are first merged into one).
/// Thread-safe for <see cref="Add"/>; <see cref="Merge"/> is called once, after every Add.
/// </summary>
internal sealed class ExternalSorter : IDisposable
{
    /// <summary>The most run files merged at once.</summary>
    public const int MaxFanIn = 256;

    private const int FileBuffer = 32 * 1024;
    private readonly object _lock = new();
    private readonly string _directory;
    private readonly RunBuffer _held;
    private readonly List<(string Path, long Count)> _runs = [];
    private int _nextRun;

    public ExternalSorter(long runBudget, string? tempRoot)
    {
        _held = new RunBuffer((int)Math.Clamp(runBudget, 1024, 1L << 30));
        _directory = tempRoot is null ? System.IO.Directory.CreateTempSubdirectory("evidencekit-timeline-").FullName : Private(tempRoot);
    }

    /// <summary>The private directory the runs are written to.</summary>
    public string TempDirectory => _directory;

    /// <summary>Sorted runs spilled so far.</summary>
    public int RunsSpilled { get; private set; }

    /// <summary>Adds a batch of events.</summary>
    public void Add(IReadOnlyList<TimelineEvent> batch)
    {
        lock (_lock)
        {
            foreach (var e in batch)
            {
                if (!_held.TryAdd(e))
                {
                    Spill();
                    _held.TryAdd(e);
                }
            }
        }
    }

    /// <summary>Every event added, in timeline order.</summary>
    public IEnumerable<TimelineEvent> Merge()
    {
        if (_runs.Count == 0)
        {
            _held.Sort();
            foreach (var e in _held.Read())
            {
                yield return e;
            }
            yield break;
        }
        if (_held.Count > 0)
        {
            Spill();
        }
        while (_runs.Count > MaxFanIn)
        {
            // Merging the fewest runs that bring the count down to the fan-in rewrites the least data.
            var group = _runs.Take(Math.Min(MaxFanIn, _runs.Count - MaxFanIn + 1)).ToList();
            _runs.RemoveRange(0, group.Count);
            var path = NextRunPath();
            long count = 0;
            using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileBuffer))
            {
                var writer = new SpillWriter();
                foreach (var e in MergeRuns(group))
                {
                    writer.Clear();
                    SpillFormat.Write(writer, e);
                    output.Write(writer.Written);
                    count++;
                }
            }
            foreach (var (done, _) in group)
            {
                File.Delete(done);
            }
            _runs.Add((path, count));
        }
        foreach (var e in MergeRuns(_runs))
        {
            yield return e;
        }
    }

    private static IEnumerable<TimelineEvent> MergeRuns(IReadOnlyList<(string Path, long Count)> runs)
    {
        var readers = new List<SpillReader>();
        var strings = new SpillStrings();
        try
        {
            var queue = new PriorityQueue<int, TimelineEvent>(Comparer<TimelineEvent>.Create(TimelineEvent.Compare));
            var remaining = new long[runs.Count];
            for (var i = 0; i < runs.Count; i++)
            {
                readers.Add(new SpillReader(new FileStream(runs[i].Path, FileMode.Open, FileAccess.Read, FileShare.None, FileBuffer, FileOptions.SequentialScan), strings));
                remaining[i] = runs[i].Count;
                if (remaining[i]-- > 0)
                {
                    queue.Enqueue(i, SpillFormat.Read(readers[i]));
                }
            }
            while (queue.TryDequeue(out var run, out var next))
            {
                yield return next;
                if (remaining[run]-- > 0)
                {
                    queue.Enqueue(run, SpillFormat.Read(readers[run]));
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private void Spill()
    {
        _held.Sort();
        var path = NextRunPath();
        using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileBuffer))
        {
            _held.WriteTo(output);
        }
        _runs.Add((path, _held.Count));
        RunsSpilled++;
        _held.Clear();
    }

    private static string Private(string root)
    {
        var path = Path.Combine(root, "evidencekit-timeline-" + Guid.NewGuid().ToString("N"));
        return OperatingSystem.IsWindows()
            ? System.IO.Directory.CreateDirectory(path).FullName
            : System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
    }

    private string NextRunPath() => Path.Combine(_directory, $"run-{_nextRun++:D6}.bin");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
