namespace EvidenceKit.Core.Verification;

/// <summary>
/// The payload being hashed in the background (<see cref="Checks.PayloadHashStart"/>): waited for by the hashing step,
/// or stopped and waited for when the run ends before it, so no worker outlives the snapshot it reads through.
/// </summary>
internal sealed class PayloadHashing : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task<PayloadDigests> _work;

    /// <param name="start">Starts the work, given the token that stops it.</param>
    /// <param name="cancellationToken">The run's own cancellation.</param>
    public PayloadHashing(Func<CancellationToken, Task<PayloadDigests>> start, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _work = start(_stop.Token);
    }

    /// <summary>Waits for the hashing; what it threw is thrown here, as if it had run on this thread.</summary>
    public PayloadDigests Finish()
    {
        try
        {
            return _work.GetAwaiter().GetResult();
        }
        finally
        {
            _stop.Dispose();
        }
    }

    /// <summary>Stops the hashing and waits until every worker has stopped (what it threw no longer matters).</summary>
    public void Dispose()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        try
        {
            _work.Wait();
        }
        catch (AggregateException)
        {
            // Stopped or failed: the run is ending for another reason, which is the one reported.
        }
        _stop.Dispose();
    }
}
