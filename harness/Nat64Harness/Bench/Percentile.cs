namespace Nat64Harness.Bench;

/// <summary>
/// Percentiles by the nearest-rank method: the smallest sample with at least p % of the samples at or below it.
/// It never invents a value between two samples, and states what a percentile of few samples can mean: with
/// fewer than 1000 samples the 99.9th percentile is the largest one.
/// </summary>
public static class Percentile
{
    /// <summary>The <paramref name="p"/>-th percentile (0 &lt; p ≤ 100) of samples sorted ascending.</summary>
    /// <exception cref="ArgumentException">No samples, p outside (0, 100], or samples not sorted.</exception>
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(sorted));
        }

        if (!(p > 0 && p <= 100))
        {
            throw new ArgumentException($"percentile {p} is outside (0, 100]", nameof(p));
        }

        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i] < sorted[i - 1])
            {
                throw new ArgumentException($"samples are not sorted: [{i - 1}] = {sorted[i - 1]} > [{i}] = {sorted[i]}", nameof(sorted));
            }
        }

        // The rank is computed in decimal so that 99.9 % of 1000 is exactly 999, not 999.0000000000001.
        var rank = (int)Math.Ceiling((decimal)p / 100m * sorted.Count);
        return sorted[Math.Max(rank, 1) - 1];
    }

    /// <summary>The median of a few repeated measurements: the middle one, or the mean of the two middle ones.</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        if (v.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }
}
