namespace Nat64Harness.Bench;

/// <summary>
/// Round-trip delay of one latency run and its variation, in milliseconds. PDV follows RFC 5481 §4.2 (each
/// delay minus the smallest, reported at high percentiles), IPDV RFC 3393 with the selection function of RFC 5481
/// §4.1 (consecutive sequence numbers, both answered; a loss breaks the pair). The delays are round trips, as the
/// probe times them; one-way variation is at most this.
/// </summary>
/// <param name="Sent">Datagrams sent.</param>
/// <param name="Answered">Datagrams whose echo came back.</param>
/// <param name="Min">Smallest round trip.</param>
/// <param name="Median">Median round trip (nearest rank).</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile (the largest sample when fewer than 1000 came back).</param>
/// <param name="PdvP99">PDV at the 99th percentile: P99 − Min.</param>
/// <param name="PdvP999">PDV at the 99.9th percentile: P999 − Min.</param>
/// <param name="IpdvMeanAbs">Mean |IPDV| over the consecutive answered pairs (0 when there is no pair).</param>
/// <param name="IpdvPairs">How many consecutive pairs IPDV was computed from.</param>
public sealed record DelayStatistics(
    int Sent, int Answered, double Min, double Median, double P99, double P999, double PdvP99, double PdvP999, double IpdvMeanAbs, int IpdvPairs)
{
    /// <summary>Fraction of datagrams without an echo.</summary>
    public double Loss => Sent == 0 ? 0 : 1 - ((double)Answered / Sent);

    /// <summary>The statistics of round trips in microseconds, in sequence order, null for a datagram without an echo.</summary>
    /// <exception cref="BenchException">No datagram sent, none answered, or a round trip that is negative or not finite (named by its sequence number).</exception>
    public static DelayStatistics FromRoundTrips(IReadOnlyList<double?> microseconds)
    {
        if (microseconds.Count == 0)
        {
            throw new BenchException("the latency run sent no datagram");
        }

        var ms = new List<double>(microseconds.Count);
        double sumAbs = 0;
        var pairs = 0;
        for (var i = 0; i < microseconds.Count; i++)
        {
            if (microseconds[i] is not { } us)
            {
                continue;
            }

            if (!double.IsFinite(us) || us < 0)
            {
                throw new BenchException($"round trip of datagram {i} is {us} µs: it must be finite and not negative");
            }

            ms.Add(us / 1000);
            if (i > 0 && microseconds[i - 1] is { } previous)
            {
                sumAbs += Math.Abs(us - previous) / 1000;
                pairs++;
            }
        }

        if (ms.Count == 0)
        {
            throw new BenchException($"none of the {microseconds.Count} latency datagrams came back");
        }

        ms.Sort();
        var min = ms[0];
        var p99 = Percentile.OfSorted(ms, 99);
        var p999 = Percentile.OfSorted(ms, 99.9);
        return new(microseconds.Count, ms.Count, min, Percentile.OfSorted(ms, 50), p99, p999, p99 - min, p999 - min, pairs == 0 ? 0 : sumAbs / pairs, pairs);
    }
}
