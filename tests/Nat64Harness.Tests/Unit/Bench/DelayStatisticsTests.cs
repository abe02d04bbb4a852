using FluentAssertions;
using Nat64Harness.Bench;
using Xunit;

namespace Nat64Harness.Tests.Unit.Bench;

/// <summary>Percentiles (nearest rank), PDV (RFC 5481 §4.2), IPDV (RFC 3393, RFC 5481 §4.1) and repeated-measure summaries.</summary>
[Trait("Category", "Unit")]
public sealed class DelayStatisticsTests
{
    private static readonly double[] OneToThousand = [.. Enumerable.Range(1, 1000).Select(i => (double)i)];

    [Theory]
    [InlineData(50, 500)]     // the 500th of 1000
    [InlineData(99, 990)]
    [InlineData(99.9, 999)]   // 99.9 % of 1000 is exactly rank 999: no rounding up to the maximum
    [InlineData(100, 1000)]
    [InlineData(0.01, 1)]     // the smallest positive percentile is the first sample
    public void Percentile_OneToThousand_IsTheNearestRank(double p, double expected) =>
        Percentile.OfSorted(OneToThousand, p).Should().Be(expected);

    [Fact]
    public void Percentile_FewSamples_P999IsTheLargest() =>
        Percentile.OfSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99.9).Should().Be(10);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.1)]
    [InlineData(double.NaN)]
    public void Percentile_OutsideZeroToHundred_Throws(double p) =>
        FluentActions.Invoking(() => Percentile.OfSorted(OneToThousand, p)).Should().Throw<ArgumentException>().WithMessage("*percentile*");

    [Fact]
    public void Percentile_UnsortedOrEmpty_Throws()
    {
        FluentActions.Invoking(() => Percentile.OfSorted([3, 1, 2], 50)).Should().Throw<ArgumentException>().WithMessage("*not sorted*[0] = 3 > [1] = 1*");
        FluentActions.Invoking(() => Percentile.OfSorted([], 50)).Should().Throw<ArgumentException>().WithMessage("*no samples*");
    }

    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 7.0 }, 7.0)]
    public void Median_OddAndEven(double[] values, double expected) => Percentile.Median(values).Should().Be(expected);

    [Fact]
    public void Delay_WithALoss_PdvFromTheMinimum_IpdvOnlyAcrossConsecutiveAnsweredPairs()
    {
        // Given round trips 100, 200, (lost), 400, 300 µs
        double?[] rtt = [100, 200, null, 400, 300];

        var d = DelayStatistics.FromRoundTrips(rtt);

        // Then: 4 of 5 answered; min 0.1 ms; p99 and p99.9 the largest (0.4 ms); PDV = 0.4 - 0.1
        d.Should().BeEquivalentTo(new { Sent = 5, Answered = 4, Min = 0.1, Median = 0.2, P99 = 0.4, P999 = 0.4 });
        d.Loss.Should().BeApproximately(0.2, 1e-12);
        d.PdvP999.Should().BeApproximately(0.3, 1e-12);
        // IPDV pairs: (100, 200) and (400, 300); the loss breaks (200, -) and (-, 400): |+0.1| and |-0.1|
        d.IpdvPairs.Should().Be(2);
        d.IpdvMeanAbs.Should().BeApproximately(0.1, 1e-12);
    }

    [Fact]
    public void Delay_ConstantRoundTrips_HaveNoVariation()
    {
        var d = DelayStatistics.FromRoundTrips([.. Enumerable.Repeat<double?>(250, 2000)]);

        d.PdvP99.Should().Be(0);
        d.PdvP999.Should().Be(0);
        d.IpdvMeanAbs.Should().Be(0);
        d.IpdvPairs.Should().Be(1999);
    }

    [Fact]
    public void Delay_OneSpikeInThousand_StaysAboveP999ButEntersIpdv()
    {
        // 999 round trips of 200 µs and one of 50 ms: one sample in 1000 is above the 99.9th percentile by definition
        var rtt = Enumerable.Repeat<double?>(200, 1000).ToArray();
        rtt[500] = 50_000;

        var d = DelayStatistics.FromRoundTrips(rtt);

        d.P99.Should().Be(0.2);
        d.P999.Should().Be(0.2, "rank 999 of 1000 is still a 200 µs sample");
        d.IpdvMeanAbs.Should().BeApproximately(2 * 49.8 / 999, 1e-9, "the spike enters two consecutive pairs");
    }

    [Fact]
    public void Delay_NegativeRoundTrip_IsRejectedNamingTheDatagram() =>
        FluentActions.Invoking(() => DelayStatistics.FromRoundTrips([100, -5, 100]))
            .Should().Throw<BenchException>().WithMessage("*datagram 1*-5*");

    [Fact]
    public void Delay_NoAnswerOrNothingSent_Throws()
    {
        FluentActions.Invoking(() => DelayStatistics.FromRoundTrips([null, null])).Should().Throw<BenchException>().WithMessage("*none of the 2*");
        FluentActions.Invoking(() => DelayStatistics.FromRoundTrips([])).Should().Throw<BenchException>().WithMessage("*no datagram*");
    }

    [Fact]
    public void Measured_Repetitions_MedianExtremesAndDistributionFreeConfidence()
    {
        var m = Measured.Of([300, 100, 200]);

        m.Should().BeEquivalentTo(new { Median = 200.0, Min = 100.0, Max = 300.0, Count = 3 });
        m.Confidence.Should().Be(0.75, "[min, max] of 3 misses the median only when all 3 fall on one side: 2 × 0.5³");
        m.Spread.Should().Be(1.0);
        Measured.Of([5, 5, 5, 5, 5]).Confidence.Should().Be(0.9375);
        Measured.Of([42]).Confidence.Should().Be(0, "one run says nothing of its spread");
    }

    [Fact]
    public void Measured_NothingOrNotFinite_Throws()
    {
        FluentActions.Invoking(() => Measured.Of([])).Should().Throw<ArgumentException>().WithMessage("*nothing*");
        FluentActions.Invoking(() => Measured.Of([1, double.NaN])).Should().Throw<ArgumentException>().WithMessage("*value 1 is NaN*");
    }
}
