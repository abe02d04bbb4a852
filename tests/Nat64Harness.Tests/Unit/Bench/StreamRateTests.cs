using FluentAssertions;
using Nat64Harness.Bench;
using Xunit;

namespace Nat64Harness.Tests.Unit.Bench;

/// <summary>A bulk stream's rate from its receiver's samples, the warm-up left out.</summary>
[Trait("Category", "Unit")]
public sealed class StreamRateTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public void Rate_AfterWarmup_CountsOnlyTheMeasuredWindow()
    {
        // Given a slow first second (slow start: 1 MB) and then 12.5 MB/s for two seconds
        ByteSample[] samples = [new(0, 0), new(0.5, 400_000), new(1.0, 1_000_000), new(2.0, 13_500_000), new(3.0, 26_000_000)];

        // When measured after a 1 s warm-up
        var bps = StreamRate.BitsPerSecond(samples, OneSecond);

        // Then the rate is 100 Mbit/s: the slow second does not pull it down
        bps.Should().Be(100e6);
        StreamRate.BitsPerSecond(samples, TimeSpan.Zero).Should().BeApproximately(26e6 * 8 / 3, 1e-3, "without a warm-up, slow start counts");
    }

    [Fact]
    public void Rate_WindowOpensAtTheFirstSampleAfterTheWarmup()
    {
        ByteSample[] samples = [new(0, 0), new(0.95, 1_000), new(1.05, 2_000), new(2.05, 12_502_000)];

        StreamRate.BitsPerSecond(samples, OneSecond).Should().BeApproximately(100e6, 1e-3);
    }

    [Fact]
    public void Rate_StreamShorterThanWarmupPlusWindow_ThrowsSayingHowLongItLasted() =>
        FluentActions.Invoking(() => StreamRate.BitsPerSecond([new(0, 0), new(0.8, 1_000_000), new(1.2, 2_000_000)], OneSecond))
            .Should().Throw<BenchException>().WithMessage("*lasted 1.200 s*warm-up*");

    [Fact]
    public void Rate_SamplesGoingBack_ThrowNamingTheSample() =>
        FluentActions.Invoking(() => StreamRate.BitsPerSecond([new(0, 0), new(1, 5_000), new(2, 4_000), new(3, 9_000)], OneSecond))
            .Should().Throw<BenchException>().WithMessage("*sample 2*goes back*sample 1*");

    [Fact]
    public void Rate_NegativeOrTooFewSamples_Throw()
    {
        FluentActions.Invoking(() => StreamRate.BitsPerSecond([new(0, 0), new(2, -1)], TimeSpan.Zero)).Should().Throw<BenchException>().WithMessage("*sample 1*not negative*");
        FluentActions.Invoking(() => StreamRate.BitsPerSecond([new(0, 0)], TimeSpan.Zero)).Should().Throw<BenchException>().WithMessage("*two*got 1*");
    }
}
