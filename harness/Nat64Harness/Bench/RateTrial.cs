namespace Nat64Harness.Bench;

/// <summary>One UDP trial of the throughput search: what was offered, what the sender managed, what arrived.</summary>
/// <param name="OfferedBitsPerSecond">The rate asked for (UDP payload bits per second).</param>
/// <param name="SentBitsPerSecond">The rate the sender reached.</param>
/// <param name="Sent">Datagrams sent.</param>
/// <param name="Received">Datagrams the receiver counted.</param>
public sealed record RateTrial(double OfferedBitsPerSecond, double SentBitsPerSecond, long Sent, long Received)
{
    /// <summary>A sender below this share of the offered rate could not keep up (a loaded machine, a slow tester).</summary>
    public const double SenderShortfall = 0.95;

    /// <summary>
    /// The kernels' drop and error counters that rose during the trial ("tayga nat64 tx_drop", "echo Udp.RcvbufErrors"),
    /// by how much: where the lost datagrams went. Null when not read; empty when no counter rose.
    /// </summary>
    public IReadOnlyDictionary<string, long>? Drops { get; init; }

    /// <summary>
    /// Datagrams per send of the harness's own sender: 1 ms of the rate, or 1 where a datagram is over the route's MTU
    /// or the kernel refused a segmented send; null for iperf3.
    /// </summary>
    public long? Burst { get; init; }

    /// <summary>
    /// Datagrams the harness's own sender counted as sent and lost because the kernel refused them (ENOBUFS and the
    /// like); a segmented send the route refused is resent one datagram at a time and not counted here. Null for iperf3.
    /// </summary>
    public long? SendErrors { get; init; }

    /// <summary>Datagrams sent that the receiver did not count.</summary>
    public long Lost => Math.Max(0, Sent - Received);

    /// <summary>Fraction of the datagrams sent that did not arrive (negative when more arrived: duplicates).</summary>
    public double Loss => Sent == 0 ? 1 : 1 - ((double)Received / Sent);

    /// <summary>True when the sender fell short of the offered rate: the trial measured the tester, not the path.</summary>
    public bool SenderLimited => SentBitsPerSecond < OfferedBitsPerSecond * SenderShortfall;
}
