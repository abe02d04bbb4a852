namespace Nat64Harness.Model;

/// <summary>
/// What the captures, the probe's socket and the kernels' counters show about a failed exchange: its most likely
/// cause in one sentence, and the evidence line by line (bytes delivered each way and where the flow stopped,
/// retransmissions, packets a receiver must have dropped, ICMP errors, the hop that last saw the flow, the TCP
/// socket's state, counters).
/// </summary>
/// <param name="Cause">The cause the evidence points to, or what is known when it points nowhere.</param>
/// <param name="Evidence">Each fact behind it, one line each.</param>
/// <param name="LastHop">The capture point that last saw the flow toward the echo server ("none" when none did).</param>
/// <param name="Stalled">True when the probe ended a TCP flow for making no progress.</param>
public sealed record ExchangeDiagnosis(string Cause, IReadOnlyList<string> Evidence, string LastHop, bool Stalled)
{
    /// <summary>The size search's range when a size limit is suspected: the IPv6 sizes to try (low crosses, high may not).</summary>
    public (int Low, int High)? SizeSearch { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"diagnosis: {Cause}" + string.Concat(Evidence.Select(e => "\n  " + e));
}
