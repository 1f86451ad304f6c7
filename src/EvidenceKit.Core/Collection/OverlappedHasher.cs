namespace EvidenceKit.Core.Collection;

/// <summary>
/// Hashes the chunks of one large file on a thread of its own, strictly in the order they were read, while the caller
/// writes the same chunks to the target: one core hashes while the other writes, instead of the two taking turns. The
/// caller must not reuse a chunk's buffer before <see cref="WaitUntilBehind"/> says it was hashed.
/// </summary>
internal sealed class OverlappedHasher : IDisposable
{
    private readonly MultiHasher _hasher;
    private readonly Queue<(byte[] Buffer, int Count)> _queue = new();
    private readonly object _gate = new();
    private readonly Thread _thread;
    private long _posted;
    private long _hashed;
    private bool _closed;
    private Exception? _failure;

    public OverlappedHasher(MultiHasher hasher)
    {
        _hasher = hasher;
        _thread = new Thread(Run) { IsBackground = true, Name = "evidencekit-hash" };
        _thread.Start();
    }

    /// <summary>Queues the next <paramref name="count"/> bytes of the file for hashing.</summary>
    public void Post(byte[] buffer, int count)
    {
        lock (_gate)
        {
            _queue.Enqueue((buffer, count));
            _posted++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Blocks until at most <paramref name="chunks"/> posted chunks are still waiting to be hashed.</summary>
    public void WaitUntilBehind(int chunks)
    {
        lock (_gate)
        {
            while (_posted - _hashed > chunks)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Rethrows what went wrong on the hashing thread, if anything; call after <see cref="Dispose"/>.</summary>
    public void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Stops the thread once the queue is empty (or at once when the copy was abandoned) and joins it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
    }

    private void Run()
    {
        while (true)
        {
            (byte[] Buffer, int Count) chunk;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_closed)
                {
                    Monitor.Wait(_gate);
                }
                if (_queue.Count == 0)
                {
                    return;
                }
                chunk = _queue.Peek();
            }
            try
            {
                if (_failure is null)
                {
                    _hasher.Append(chunk.Buffer.AsSpan(0, chunk.Count));
                }
            }
            catch (Exception e)
            {
                // Kept for the caller: an exception on this thread would end the process.
                _failure = e;
            }
            lock (_gate)
            {
                _queue.Dequeue();
                _hashed++;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
