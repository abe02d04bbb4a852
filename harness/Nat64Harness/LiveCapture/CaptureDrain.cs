namespace Nat64Harness.LiveCapture;

/// <summary>When a capture may stop: once nothing has arrived for a while, so that what was in flight or buffered is not lost.</summary>
internal static class CaptureDrain
{
    /// <summary>The longest a capture waits for quiet after the exchange: a capture that still receives then is stopped anyway.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Returns true once <paramref name="lastArrival"/> is at least <paramref name="quiet"/> old and <paramref name="caughtUp"/>
    /// (when given) says the reader has everything the kernel took in; false when <paramref name="limit"/> (by default
    /// <see cref="Limit"/>) passed first.
    /// </summary>
    public static async Task<bool> UntilQuietAsync(Func<DateTime> lastArrival, TimeSpan quiet, CancellationToken ct, Func<bool>? caughtUp = null, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? Limit);
        while (DateTime.UtcNow < deadline)
        {
            var wait = lastArrival() + quiet - DateTime.UtcNow;
            if (wait <= TimeSpan.Zero && caughtUp?.Invoke() != false)
            {
                return true;
            }

            await Task.Delay(wait < Poll ? Poll : wait, ct).ConfigureAwait(false);
        }

        return false;
    }
}
