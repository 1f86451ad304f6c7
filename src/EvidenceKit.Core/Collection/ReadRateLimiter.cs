using System.Diagnostics;

namespace EvidenceKit.Core.Collection;

/// <summary>
/// Caps how fast the source is read, across every worker (--max-rate): a reader pays for its bytes before it reads
/// them, each payment booked after the last one at <see cref="BytesPerSecond"/>, so by any moment t of the run at most
/// rate × t bytes have been read. A production server's disk and page cache are left to its own work.
/// </summary>
public sealed class ReadRateLimiter
{
    private readonly Lock _gate = new();
    private long _paidUntil = Stopwatch.GetTimestamp();

    /// <summary>A limiter of <paramref name="bytesPerSecond"/>.</summary>
    public ReadRateLimiter(long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        BytesPerSecond = bytesPerSecond;
    }

    /// <summary>The cap in bytes per second.</summary>
    public long BytesPerSecond { get; }

    /// <summary>The largest read worth asking for at once, so the rate stays smooth (about an eighth of a second).</summary>
    public int ChunkSize(int wanted) => (int)Math.Clamp(BytesPerSecond / 8, 4096, Math.Max(4096, wanted));

    /// <summary>Waits until <paramref name="bytes"/> more may be read.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled while waiting.</exception>
    public void Acquire(long bytes, CancellationToken cancellationToken)
    {
        if (bytes <= 0)
        {
            return;
        }
        var cost = (long)((Int128)bytes * Stopwatch.Frequency / BytesPerSecond);
        long readyAt;
        lock (_gate)
        {
            // Time not used by anyone is not saved up: an idle pause earns no burst afterwards.
            _paidUntil = Math.Max(_paidUntil, Stopwatch.GetTimestamp()) + cost;
            readyAt = _paidUntil;
        }
        while (true)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), readyAt);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }
            if (cancellationToken.WaitHandle.WaitOne(wait))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
