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

    /// <summary>Fraction of the datagrams sent that did not arrive (negative when more arrived: duplicates).</summary>
    public double Loss => Sent == 0 ? 1 : 1 - ((double)Received / Sent);

    /// <summary>True when the sender fell short of the offered rate: the trial measured the tester, not the path.</summary>
    public bool SenderLimited => SentBitsPerSecond < OfferedBitsPerSecond * SenderShortfall;
}
