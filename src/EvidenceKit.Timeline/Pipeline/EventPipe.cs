using System.Collections.Concurrent;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// Hands the parsers' event batches to one consumer thread (the triage tallies, the field names and the sorter, with its
/// sorting and spilling of runs), so parsing goes on while the previous batches are tallied and spilled. The queue holds
/// at most <see cref="Capacity"/> batches: a parser that gets ahead waits, so memory stays bounded. A failure of the
/// consumer stops the producers and is thrown by <see cref="Complete"/>.
/// </summary>
internal sealed class EventPipe : IDisposable
{
    /// <summary>The most batches waiting for the consumer.</summary>
    public const int Capacity = 8;

    private readonly BlockingCollection<(EvidenceFile File, List<TimelineEvent> Batch)> _queue = new(Capacity);
    private readonly CancellationTokenSource _failed = new();
    private readonly Thread _consumer;
    private Exception? _failure;

    public EventPipe(Action<EvidenceFile, List<TimelineEvent>> consume)
    {
        _consumer = new Thread(() => Consume(consume)) { IsBackground = true, Name = "timeline events" };
        _consumer.Start();
    }

    /// <summary>Queues one file's batch (waits while the queue is full).</summary>
    /// <exception cref="OperationCanceledException">The consumer failed; <see cref="Complete"/> says why.</exception>
    public void Post(EvidenceFile file, List<TimelineEvent> batch) => _queue.Add((file, batch), _failed.Token);

    /// <summary>Waits until every batch posted was consumed; rethrows the consumer's failure.</summary>
    public void Complete()
    {
        _queue.CompleteAdding();
        _consumer.Join();
        if (_failure is not null)
        {
            throw new InvalidOperationException("The timeline's event consumer failed: " + _failure.Message, _failure);
        }
    }

    private void Consume(Action<EvidenceFile, List<TimelineEvent>> consume)
    {
        try
        {
            foreach (var (file, batch) in _queue.GetConsumingEnumerable())
            {
                consume(file, batch);
            }
        }
#pragma warning disable CA1031 // Any failure (a full disk while spilling) is kept and thrown on the caller's thread by Complete.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failure = e;
            _failed.Cancel();
        }
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
        }
        _consumer.Join();
        _queue.Dispose();
        _failed.Dispose();
    }
}
