namespace Nat64Harness.Bench;

/// <summary>
/// A quantity measured a few times: the median, the extremes, and how sure the interval between them is to hold
/// the true median. For n independent repetitions, [min, max] misses the population median only when every
/// value falls on one side of it, so it holds it with probability 1 − 2·0.5ⁿ, whatever the distribution
/// (n = 3: 75 %, 5: 94 %, 7: 98 %).
/// </summary>
/// <param name="Median">The median of the values.</param>
/// <param name="Min">The smallest.</param>
/// <param name="Max">The largest.</param>
/// <param name="Count">How many.</param>
public sealed record Measured(double Median, double Min, double Max, int Count)
{
    /// <summary>The probability that [Min, Max] holds the population median (0 for a single value).</summary>
    public double Confidence => Count < 2 ? 0 : 1 - Math.Pow(0.5, Count - 1);

    /// <summary>(Max − Min) / Median: how far apart the repetitions were.</summary>
    public double Spread => Median == 0 ? 0 : (Max - Min) / Median;

    /// <summary>The summary of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static Measured Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0)
        {
            throw new ArgumentException("nothing was measured", nameof(values));
        }

        var bad = Array.FindIndex(v, x => !double.IsFinite(x));
        if (bad >= 0)
        {
            throw new ArgumentException($"measured value {bad} is {v[bad]}", nameof(values));
        }

        return new(Percentile.Median(v), v.Min(), v.Max(), v.Length);
    }
}
