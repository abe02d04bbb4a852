using FluentAssertions;
using Nat64Harness.Bench;
using Xunit;

namespace Nat64Harness.Tests.Unit.Bench;

/// <summary>The UDP throughput search against simulated paths whose capacity is known.</summary>
[Trait("Category", "Unit")]
public sealed class RateSearchTests
{
    private const double Mbit = 1e6;

    [Fact]
    public async Task Search_StartBelowCapacity_DoublesThenBisectsToWithinResolution()
    {
        // Given a path that carries 300 Mbit/s without loss and loses 5 % above
        var path = new SimulatedPath(capacity: 300 * Mbit);

        // When the search starts at 100 Mbit/s with a 3 % resolution
        var result = await RateSearch.RunAsync(new RateSearchOptions(100 * Mbit, Resolution: 0.03), path.TrialAsync);

        // Then it converges just below the capacity, its bracket holds the capacity, and 100 → 200 → 400 came first
        result.Outcome.Should().Be(RateSearchOutcome.Converged);
        result.BitsPerSecond.Should().BeInRange(291 * Mbit, 300 * Mbit);
        result.LowestFailure.Should().BeGreaterThan(300 * Mbit).And.BeLessThan(310 * Mbit);
        result.Trials.Take(3).Select(t => t.OfferedBitsPerSecond).Should().Equal(100 * Mbit, 200 * Mbit, 400 * Mbit);
        result.Trials.Should().HaveCountLessThanOrEqualTo(12);
    }

    [Fact]
    public async Task Search_StartAboveCapacity_HalvesThenBisects()
    {
        var path = new SimulatedPath(capacity: 40 * Mbit);

        var result = await RateSearch.RunAsync(new RateSearchOptions(400 * Mbit, Resolution: 0.05), path.TrialAsync);

        result.Outcome.Should().Be(RateSearchOutcome.Converged);
        result.BitsPerSecond.Should().BeInRange(38 * Mbit, 40 * Mbit);
        result.Trials.Take(4).Select(t => t.OfferedBitsPerSecond).Should().Equal(400 * Mbit, 200 * Mbit, 100 * Mbit, 50 * Mbit);
    }

    [Fact]
    public async Task Search_PathThatLosesEverything_ReportsNoPassingRate()
    {
        // Negative: a broken path must not produce a throughput
        var path = new SimulatedPath(capacity: 0);

        var result = await RateSearch.RunAsync(new RateSearchOptions(100 * Mbit, Minimum: 1 * Mbit), path.TrialAsync);

        result.Outcome.Should().Be(RateSearchOutcome.NoPassingRate);
        result.BitsPerSecond.Should().BeNull();
        result.Trials.Last().OfferedBitsPerSecond.Should().Be(1 * Mbit);
    }

    [Fact]
    public async Task Search_SenderSlowerThanPath_StopsAsALowerBoundSetByTheSender()
    {
        // Given a path that would carry 1 Gbit/s and a sender that reaches only 200 Mbit/s
        var path = new SimulatedPath(capacity: 1000 * Mbit, senderCeiling: 200 * Mbit);

        var result = await RateSearch.RunAsync(new RateSearchOptions(100 * Mbit), path.TrialAsync);

        // Then the search does not claim the path's rate: it stops when the sender falls short
        result.Outcome.Should().Be(RateSearchOutcome.SenderLimited);
        result.BitsPerSecond.Should().Be(200 * Mbit);
        result.Trials.Last().SenderLimited.Should().BeTrue();
    }

    [Fact]
    public async Task Search_FailingTrialWhoseSenderFellBehind_BracketsAtTheSentRate()
    {
        // A sender that reached 150 of 400 Mbit/s offered and lost 5 %: the path failed at 150, not 400
        var path = new SimulatedPath(capacity: 100 * Mbit, senderCeiling: 150 * Mbit);

        var result = await RateSearch.RunAsync(new RateSearchOptions(400 * Mbit, Resolution: 0.05), path.TrialAsync);

        result.Trials[1].OfferedBitsPerSecond.Should().Be(75 * Mbit, "the next rate halves the 150 Mbit/s that failed, not the 400 offered");
        result.BitsPerSecond.Should().BeInRange(95 * Mbit, 100 * Mbit);
    }

    [Fact]
    public async Task Search_PathFasterThanTheCeiling_StopsAtMaximum()
    {
        var path = new SimulatedPath(capacity: double.MaxValue);

        var result = await RateSearch.RunAsync(new RateSearchOptions(100 * Mbit, Maximum: 800 * Mbit), path.TrialAsync);

        result.Outcome.Should().Be(RateSearchOutcome.AtMaximum);
        result.BitsPerSecond.Should().Be(800 * Mbit);
    }

    [Fact]
    public async Task Search_BudgetTooSmall_SaysSoAndKeepsTheHighestPass()
    {
        var path = new SimulatedPath(capacity: 300 * Mbit);

        var result = await RateSearch.RunAsync(new RateSearchOptions(100 * Mbit, MaxTrials: 3), path.TrialAsync);

        result.Outcome.Should().Be(RateSearchOutcome.TrialBudget);
        result.Trials.Should().HaveCount(3);
        result.BitsPerSecond.Should().Be(200 * Mbit);
    }

    [Theory]
    [InlineData(10_000, 9, true)]    // 0.09 %: below the threshold, passes
    [InlineData(10_000, 10, false)]  // exactly 0.1 %: not below it, fails (RFC 2544 throughput with a 0.1 % tolerance)
    [InlineData(1_000, 1, false)]    // 0.1 % of a short trial
    [InlineData(1_000, 0, true)]     // lossless
    public async Task Search_LossAtTheThreshold_FailsAndBelowPasses(long sent, long lost, bool passes)
    {
        var trial = new RateTrial(100 * Mbit, 100 * Mbit, sent, sent - lost);

        var result = await RateSearch.RunAsync(new RateSearchOptions(100 * Mbit, Maximum: 100 * Mbit, MaxTrials: 1), (_, _) => Task.FromResult(trial));

        (result.BitsPerSecond is not null).Should().Be(passes);
    }

    [Theory]
    [InlineData(0, 1e6, 1e9, 0.001, 0.05, 10)]       // no start rate
    [InlineData(1e8, 2e9, 1e9, 0.001, 0.05, 10)]     // minimum above maximum
    [InlineData(1e8, 1e6, 1e9, 0, 0.05, 10)]         // zero loss threshold
    [InlineData(1e8, 1e6, 1e9, 0.001, 1, 10)]        // resolution 100 %
    [InlineData(1e8, 1e6, 1e9, 0.001, 0.05, 0)]      // no trial allowed
    public async Task Search_InvalidOptions_ThrowNamingTheOption(double start, double min, double max, double loss, double resolution, int trials)
    {
        var run = () => RateSearch.RunAsync(new RateSearchOptions(start, min, max, loss, resolution, trials), (_, _) => Task.FromResult(new RateTrial(1, 1, 1, 1)));

        await run.Should().ThrowAsync<ArgumentException>();
    }

    /// <summary>A path with a capacity: lossless up to it, 5 % loss above; a sender that may not reach every rate.</summary>
    private sealed class SimulatedPath(double capacity, double senderCeiling = double.MaxValue)
    {
        public Task<RateTrial> TrialAsync(double offered, CancellationToken ct)
        {
            var sentRate = Math.Min(offered, senderCeiling);
            const long sent = 100_000;
            var received = sentRate <= capacity ? sent : (long)(sent * 0.95);
            return Task.FromResult(new RateTrial(offered, sentRate, sent, received));
        }
    }
}
