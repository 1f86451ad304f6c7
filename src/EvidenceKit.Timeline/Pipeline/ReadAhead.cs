using System.Collections.Concurrent;

namespace EvidenceKit.Timeline.Pipeline;

/// <summary>
/// Enumerates a sequence on its own thread, a few batches ahead of the caller (the merge of the sorted runs reads and
/// decodes events while the caller writes the previous ones). At most <see cref="Capacity"/> batches of
/// <see cref="BatchSize"/> items wait; leaving the enumeration early stops the producer, and a producer failure is
/// thrown to the caller.
/// </summary>
internal static class ReadAhead
{
    public const int BatchSize = 1024;
    public const int Capacity = 4;

    public static IEnumerable<T> Of<T>(IEnumerable<T> source)
    {
        using var queue = new BlockingCollection<List<T>>(Capacity);
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                var batch = new List<T>(BatchSize);
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count == BatchSize)
                    {
                        queue.Add(batch, stop.Token);
                        batch = new List<T>(BatchSize);
                    }
                }
                if (batch.Count > 0)
                {
                    queue.Add(batch, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // The failure is thrown on the caller's thread below.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }
            finally
            {
                queue.CompleteAdding();
            }
        }) { IsBackground = true, Name = "timeline merge" };
        producer.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }
            if (failure is not null)
            {
                throw new InvalidOperationException("Reading the sorted timeline failed: " + failure.Message, failure);
            }
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }
    }
}
