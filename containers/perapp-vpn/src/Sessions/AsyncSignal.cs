namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>Auto-reset wake-up for one waiting pump. The waiter must re-check its condition after every wake-up.</summary>
public sealed class AsyncSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private int _pending;

    /// <summary>Wakes the waiter (or makes its next wait return at once).</summary>
    public void Set()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _semaphore.Release();
        }
    }

    /// <summary>Waits for <see cref="Set"/>; the pending flag is cleared before the caller re-checks its state.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _pending, 0);
    }
}
