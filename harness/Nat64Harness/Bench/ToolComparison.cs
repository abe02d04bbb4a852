namespace Nat64Harness.Bench;

/// <summary>One throughput figure measured by the harness and by iperf3 on the same path in the same run.</summary>
/// <param name="Harness">The harness's measurements (bits per second), or null when none succeeded.</param>
/// <param name="Iperf3">iperf3's, or null.</param>
public sealed record ToolComparison(Measured? Harness, Measured? Iperf3)
{
    /// <summary>Harness median over iperf3 median, or null when either is missing or iperf3's is 0.</summary>
    public double? Ratio => Harness is { } h && Iperf3 is { Median: > 0 } i ? h.Median / i.Median : null;

    /// <summary>True when the harness is within <paramref name="tolerance"/> of iperf3, null when not comparable.</summary>
    public bool? Agrees(double tolerance) => Ratio is { } r ? Math.Abs(r - 1) <= tolerance : null;

    /// <summary>The comparison of two lists of values (either may be empty).</summary>
    public static ToolComparison Of(IReadOnlyCollection<double> harness, IReadOnlyCollection<double> iperf3) =>
        new(harness.Count > 0 ? Measured.Of(harness) : null, iperf3.Count > 0 ? Measured.Of(iperf3) : null);
}
